package io.voicegateway.sip.auth;

/**
 * The client side of Digest: turns a challenge into credentials. One instance per account (trunk registration
 * or outbound trunk); it counts nc per nonce so reusing a nonce for the next request stays valid. Not
 * thread-safe: use it from the SIP verticle's context.
 */
public final class DigestClient {

  /**
   * The response digest of RFC 7616 §3.4.1 (RFC 2617 when {@code qop} is null). Pure function of its inputs.
   *
   * @param qop "auth" or null; with null, cnonce and nc are ignored
   */
  public static String response(DigestAlgorithm algorithm, String username, String realm, String password,
      String nonce, String cnonce, String nc, String qop, String method, String uri) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Credentials answering {@code challenge} for one request, with the given cnonce and nonce count. Chooses
   * qop=auth when offered, otherwise answers without qop.
   *
   * @throws IllegalArgumentException when the challenge offers only qop values we do not implement (auth-int)
   */
  public static DigestCredentials authorize(DigestChallenge challenge, String method, String uri, String username,
      String password, String cnonce, int nc) {
    throw new UnsupportedOperationException("not yet");
  }
}
