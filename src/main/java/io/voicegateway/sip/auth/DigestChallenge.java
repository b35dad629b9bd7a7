package io.voicegateway.sip.auth;

import java.util.List;

/**
 * A Digest challenge ({@code WWW-Authenticate} / {@code Proxy-Authenticate}).
 *
 * @param qopOptions the offered qop values, empty for an RFC 2069-style challenge without qop
 * @param opaque     echoed back unchanged; null if absent
 * @param stale      true when the previous credentials were right but their nonce expired: retry silently
 */
public record DigestChallenge(
    String realm, String nonce, String opaque, DigestAlgorithm algorithm, List<String> qopOptions, boolean stale) {

  public DigestChallenge {
    qopOptions = List.copyOf(qopOptions);
  }

  /** @throws IllegalArgumentException when it is not a Digest challenge with realm and nonce */
  public static DigestChallenge parse(String headerValue) {
    throw new UnsupportedOperationException("not yet");
  }

  public String toHeaderValue() {
    throw new UnsupportedOperationException("not yet");
  }
}
