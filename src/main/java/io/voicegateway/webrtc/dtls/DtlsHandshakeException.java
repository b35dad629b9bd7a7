package io.voicegateway.webrtc.dtls;

import java.io.IOException;

/** A DTLS-SRTP handshake that did not produce keys; the message says why in words an operator can act on. */
public final class DtlsHandshakeException extends IOException {

  public DtlsHandshakeException(String message) {
    super(message);
  }

  public DtlsHandshakeException(String message, Throwable cause) {
    super(message, cause);
  }
}
