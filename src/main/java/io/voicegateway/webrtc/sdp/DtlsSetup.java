package io.voicegateway.webrtc.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code a=setup} role (RFC 4145, RFC 5763 §5): who opens the DTLS connection. A browser offers
 * {@code actpass}; the gateway answers {@code passive}, so the browser is the DTLS client and the gateway the server.
 */
public enum DtlsSetup {
  ACTPASS,
  ACTIVE,
  PASSIVE,
  HOLDCONN;

  public String sdpName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<DtlsSetup> parse(String value) {
    for (DtlsSetup s : values()) {
      if (s.sdpName().equalsIgnoreCase(value.trim())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
