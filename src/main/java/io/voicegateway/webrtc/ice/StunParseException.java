package io.voicegateway.webrtc.ice;

/**
 * A datagram that is not a well-formed STUN message, with what is wrong in words. Junk arrives at wire rate from
 * anyone who finds the port, so the exception carries no stack trace: rejecting it costs no more than parsing it.
 */
public final class StunParseException extends Exception {
  private static final long serialVersionUID = 1L;

  public StunParseException(String message) {
    super(message, null, false, false);
  }
}
