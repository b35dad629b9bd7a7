package io.voicegateway.sip.auth;

import java.util.Arrays;
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

  /** @throws IllegalArgumentException when it is not a Digest challenge with realm and nonce we can answer */
  public static DigestChallenge parse(String headerValue) {
    AuthHeader h = AuthHeader.parse(headerValue);
    if (!"Digest".equalsIgnoreCase(h.scheme())) {
      throw new IllegalArgumentException("not a Digest challenge: " + h.scheme());
    }
    String realm = require(h, "realm");
    String nonce = require(h, "nonce");
    DigestAlgorithm algorithm = DigestAlgorithm.fromToken(h.param("algorithm"))
        .orElseThrow(() -> new IllegalArgumentException("unsupported algorithm " + h.param("algorithm")));
    String qop = h.param("qop");
    List<String> qops = qop == null ? List.of()
        : Arrays.stream(qop.split(",")).map(String::trim).filter(q -> !q.isEmpty()).toList();
    return new DigestChallenge(realm, nonce, h.param("opaque"), algorithm, qops,
        "true".equalsIgnoreCase(h.param("stale")));
  }

  public String toHeaderValue() {
    StringBuilder sb = new StringBuilder("Digest realm=").append(AuthHeader.quote(realm))
        .append(", nonce=").append(AuthHeader.quote(nonce));
    if (opaque != null) {
      sb.append(", opaque=").append(AuthHeader.quote(opaque));
    }
    sb.append(", algorithm=").append(algorithm.token());
    if (!qopOptions.isEmpty()) {
      sb.append(", qop=").append(AuthHeader.quote(String.join(",", qopOptions)));
    }
    if (stale) {
      sb.append(", stale=true");
    }
    return sb.toString();
  }

  static String require(AuthHeader h, String name) {
    String v = h.param(name);
    if (v == null) {
      throw new IllegalArgumentException("Digest " + name + " missing");
    }
    return v;
  }
}
