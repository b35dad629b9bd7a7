package io.voicegateway.sip.auth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The client side of Digest: turns a challenge into credentials. One instance per account (trunk registration
 * or outbound trunk); it counts nc per nonce so reusing a nonce for the next request stays valid. Not
 * thread-safe: use it from the SIP verticle's context. The static methods are pure.
 */
public final class DigestClient {

  private static final String AUTH = "auth";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String username;
  private final String password;
  private final Supplier<String> cnonces;
  private String lastNonce;
  private String cnonce;
  private int nc;

  /** @param cnonces a fresh client nonce per new server nonce (random in production, fixed in tests) */
  public DigestClient(String username, String password, Supplier<String> cnonces) {
    this.username = Objects.requireNonNull(username);
    this.password = Objects.requireNonNull(password);
    this.cnonces = cnonces;
  }

  /** A client drawing 128-bit random cnonces. */
  public static DigestClient create(String username, String password) {
    return new DigestClient(username, password, () -> {
      byte[] b = new byte[16];
      RANDOM.nextBytes(b);
      return HexFormat.of().formatHex(b);
    });
  }

  /**
   * Credentials for the next request under {@code challenge}: nc counts up while the nonce stays the same and
   * restarts at 1 (with a fresh cnonce) when the server sends a new one.
   */
  public DigestCredentials authorize(DigestChallenge challenge, String method, String uri) {
    if (!challenge.nonce().equals(lastNonce)) {
      lastNonce = challenge.nonce();
      nc = 0;
      cnonce = cnonces.get();
    }
    nc++;
    return authorize(challenge, method, uri, username, password, cnonce, nc);
  }

  /**
   * The challenge to answer among several {@code WWW-Authenticate}/{@code Proxy-Authenticate} values: the first
   * SHA-256 one if any (RFC 7616 §3.7 lets the client pick the strongest), else the first we can parse.
   */
  public static Optional<DigestChallenge> pickChallenge(List<String> headerValues) {
    DigestChallenge first = null;
    for (String v : headerValues) {
      try {
        DigestChallenge c = DigestChallenge.parse(v);
        if (c.algorithm() == DigestAlgorithm.SHA_256 || c.algorithm() == DigestAlgorithm.SHA_256_SESS) {
          return Optional.of(c);
        }
        first = first == null ? c : first;
      } catch (IllegalArgumentException e) {
        // another scheme (Basic, AKA) or an algorithm we lack: skip it and look at the next one
      }
    }
    return Optional.ofNullable(first);
  }

  /**
   * The response digest of RFC 7616 §3.4.1 (RFC 2617 when {@code qop} is null). Pure function of its inputs.
   *
   * @param qop "auth" or null; with null, cnonce and nc are ignored
   */
  public static String response(DigestAlgorithm algorithm, String username, String realm, String password,
      String nonce, String cnonce, String nc, String qop, String method, String uri) {
    String ha1 = algorithm.hash(username + ":" + realm + ":" + password);
    if (algorithm.isSession()) {
      ha1 = algorithm.hash(ha1 + ":" + nonce + ":" + cnonce);
    }
    String ha2 = algorithm.hash(method + ":" + uri);
    if (qop == null) {
      return algorithm.hash(ha1 + ":" + nonce + ":" + ha2);
    }
    return algorithm.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
  }

  /**
   * Credentials answering {@code challenge} for one request, with the given cnonce and nonce count. Chooses
   * qop=auth when offered, otherwise answers without qop.
   *
   * @throws IllegalArgumentException when the challenge offers only qop values we do not implement (auth-int)
   */
  public static DigestCredentials authorize(DigestChallenge challenge, String method, String uri, String username,
      String password, String cnonce, int nc) {
    String qop = null;
    if (!challenge.qopOptions().isEmpty()) {
      if (challenge.qopOptions().stream().noneMatch(AUTH::equalsIgnoreCase)) {
        throw new IllegalArgumentException("challenge offers only qop " + challenge.qopOptions());
      }
      qop = AUTH;
    }
    String ncHex = qop == null ? null : String.format("%08x", nc);
    String usedCnonce = qop == null ? null : cnonce;
    String response = response(challenge.algorithm(), username, challenge.realm(), password, challenge.nonce(),
        usedCnonce, ncHex, qop, method, uri);
    return new DigestCredentials(username, challenge.realm(), challenge.nonce(), uri, response,
        challenge.algorithm(), usedCnonce, ncHex, qop, challenge.opaque());
  }
}
