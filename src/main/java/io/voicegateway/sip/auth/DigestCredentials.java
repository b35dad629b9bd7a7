package io.voicegateway.sip.auth;

/**
 * Digest credentials ({@code Authorization} / {@code Proxy-Authorization}).
 *
 * @param qop    "auth", or null when the challenge offered no qop (then cnonce and nc are null too)
 * @param nc     eight hex digits, e.g. {@code 00000001}
 * @param opaque null if absent
 */
public record DigestCredentials(
    String username, String realm, String nonce, String uri, String response, DigestAlgorithm algorithm,
    String cnonce, String nc, String qop, String opaque) {

  /** @throws IllegalArgumentException when it is not Digest credentials with the mandatory parameters */
  public static DigestCredentials parse(String headerValue) {
    throw new UnsupportedOperationException("not yet");
  }

  public String toHeaderValue() {
    throw new UnsupportedOperationException("not yet");
  }
}
