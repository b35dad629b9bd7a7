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
    AuthHeader h = AuthHeader.parse(headerValue);
    if (!"Digest".equalsIgnoreCase(h.scheme())) {
      throw new IllegalArgumentException("not Digest credentials: " + h.scheme());
    }
    DigestAlgorithm algorithm = DigestAlgorithm.fromToken(h.param("algorithm"))
        .orElseThrow(() -> new IllegalArgumentException("unsupported algorithm " + h.param("algorithm")));
    String qop = h.param("qop");
    String cnonce = h.param("cnonce");
    String nc = h.param("nc");
    if (qop != null && (cnonce == null || nc == null)) {
      throw new IllegalArgumentException("Digest qop without cnonce and nc");
    }
    return new DigestCredentials(DigestChallenge.require(h, "username"), DigestChallenge.require(h, "realm"),
        DigestChallenge.require(h, "nonce"), DigestChallenge.require(h, "uri"),
        DigestChallenge.require(h, "response"), algorithm, cnonce, nc, qop, h.param("opaque"));
  }

  /** The header value; qop and nc are written as tokens, the rest quoted (RFC 2617 §3.2.2). */
  public String toHeaderValue() {
    StringBuilder sb = new StringBuilder("Digest username=").append(AuthHeader.quote(username))
        .append(", realm=").append(AuthHeader.quote(realm))
        .append(", nonce=").append(AuthHeader.quote(nonce))
        .append(", uri=").append(AuthHeader.quote(uri))
        .append(", response=").append(AuthHeader.quote(response))
        .append(", algorithm=").append(algorithm.token());
    if (qop != null) {
      sb.append(", cnonce=").append(AuthHeader.quote(cnonce)).append(", qop=").append(qop).append(", nc=").append(nc);
    }
    if (opaque != null) {
      sb.append(", opaque=").append(AuthHeader.quote(opaque));
    }
    return sb.toString();
  }
}
