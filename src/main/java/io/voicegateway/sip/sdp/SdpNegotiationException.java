package io.voicegateway.sip.sdp;

/**
 * An offer or answer we cannot accept, with the SIP status to reject it with: 400 when the SDP does not parse,
 * 488 Not Acceptable Here when it parses but holds no usable audio stream or no codec in common.
 * (Named apart from {@code javax.sdp.SdpException}, which the parser throws.)
 */
public final class SdpNegotiationException extends Exception {

  public static final int BAD_REQUEST = 400;
  public static final int NOT_ACCEPTABLE_HERE = 488;

  private final int status;

  public SdpNegotiationException(int status, String message) {
    super(message);
    this.status = status;
  }

  public SdpNegotiationException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The SIP response code to send (400 or 488). */
  public int status() {
    return status;
  }
}
