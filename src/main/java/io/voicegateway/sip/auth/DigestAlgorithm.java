package io.voicegateway.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** The digest algorithms of RFC 7616 §6.1 that SIP peers use, with their hash. */
public enum DigestAlgorithm {
  MD5("MD5", "MD5", false),
  MD5_SESS("MD5-sess", "MD5", true),
  SHA_256("SHA-256", "SHA-256", false),
  SHA_256_SESS("SHA-256-sess", "SHA-256", true);

  private final String token;
  private final String javaName;
  private final boolean session;

  DigestAlgorithm(String token, String javaName, boolean session) {
    this.token = token;
    this.javaName = javaName;
    this.session = session;
  }

  /** The {@code algorithm=} token. */
  public String token() {
    return token;
  }

  /** True for the "-sess" variants, whose A1 also covers the nonce and cnonce. */
  public boolean isSession() {
    return session;
  }

  /** Lower-case hex of the hash of {@code text} in UTF-8. */
  public String hash(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance(javaName);
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + javaName, e);
    }
  }

  /** Matches an {@code algorithm=} token case-insensitively; an absent token means MD5 (RFC 2617 §3.2.1). */
  public static Optional<DigestAlgorithm> fromToken(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.of(MD5);
    }
    for (DigestAlgorithm a : values()) {
      if (a.token.equalsIgnoreCase(token)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
