package io.voicegateway.sip.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of Digest for the registrar: stateless nonces that carry their issue time and an HMAC under
 * a per-process secret, so any nonce can be checked and aged without a table of outstanding nonces.
 * Nonce = base64url(issue millis (8 bytes) ‖ HMAC-SHA256(secret, millis ‖ realm) truncated to 16 bytes).
 * Being stateless it does not detect a replayed nc within a nonce's lifetime; keep the lifetime short.
 * Thread-safe.
 */
public final class DigestServer {

  private static final int TIME_BYTES = Long.BYTES;
  private static final int MAC_BYTES = 16;
  private static final String HMAC = "HmacSHA256";

  private final String realm;
  private final SecretKeySpec key;
  private final long lifetimeMs;
  private final DigestAlgorithm algorithm;
  private final Clock clock;

  /**
   * @param realm    our realm
   * @param secret   HMAC key; random per process (nonces die with the process)
   * @param lifetime how long a nonce stays fresh; older ones verify as {@link DigestVerdict#STALE}
   * @param clock    the time source, stepped in tests
   */
  public DigestServer(String realm, byte[] secret, Duration lifetime, DigestAlgorithm algorithm, Clock clock) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("HMAC secret shorter than 128 bits");
    }
    this.realm = realm;
    this.key = new SecretKeySpec(secret.clone(), HMAC);
    this.lifetimeMs = lifetime.toMillis();
    this.algorithm = algorithm;
    this.clock = clock;
  }

  /** A server with a fresh random secret, MD5 (what most SIP phones still speak) and the system clock. */
  public static DigestServer create(String realm, Duration lifetime) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return new DigestServer(realm, secret, lifetime, DigestAlgorithm.MD5, Clock.systemUTC());
  }

  /** The realm our challenges name and credentials must carry. */
  public String realm() {
    return realm;
  }

  /** A new challenge ({@code qop="auth"}, fresh nonce); {@code stale} as told by the last verdict. */
  public DigestChallenge challenge(boolean stale) {
    long now = clock.millis();
    byte[] nonce = ByteBuffer.allocate(TIME_BYTES + MAC_BYTES).putLong(now).put(mac(now)).array();
    return new DigestChallenge(realm, Base64.getUrlEncoder().withoutPadding().encodeToString(nonce), null,
        algorithm, List.of("auth"), stale);
  }

  /**
   * Checks credentials for a request with the user's password (looked up by {@code credentials.username()}).
   * STALE only when the response is right, so a client never learns a wrong password is merely "stale". The
   * caller still checks that {@code credentials.uri()} names the Request-URI.
   */
  public DigestVerdict verify(DigestCredentials credentials, String method, String password) {
    if (!realm.equals(credentials.realm()) || credentials.algorithm() != algorithm
        || credentials.qop() != null && !"auth".equalsIgnoreCase(credentials.qop())) {
      return DigestVerdict.INVALID;
    }
    long issued = issueTime(credentials.nonce());
    if (issued < 0) {
      return DigestVerdict.INVALID;
    }
    String expected = DigestClient.response(algorithm, credentials.username(), realm, password,
        credentials.nonce(), credentials.cnonce(), credentials.nc(), credentials.qop(), method, credentials.uri());
    byte[] given = credentials.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given)) {
      return DigestVerdict.INVALID;
    }
    long age = clock.millis() - issued;
    return age >= 0 && age <= lifetimeMs ? DigestVerdict.VALID : DigestVerdict.STALE;
  }

  /**
   * True for a nonce this server made (of any age): a request carrying someone else's nonce, e.g. one from
   * before a restart, deserves a fresh challenge rather than counting as a wrong password.
   */
  public boolean issued(String nonce) {
    return issueTime(nonce) >= 0;
  }

  /** The issue time a nonce of ours carries, or -1 for one we did not make. */
  private long issueTime(String nonce) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(nonce);
    } catch (IllegalArgumentException e) {
      return -1;
    }
    if (raw.length != TIME_BYTES + MAC_BYTES) {
      return -1;
    }
    long issued = ByteBuffer.wrap(raw).getLong();
    byte[] tag = Arrays.copyOfRange(raw, TIME_BYTES, raw.length);
    return MessageDigest.isEqual(mac(issued), tag) ? issued : -1;
  }

  private byte[] mac(long issuedMillis) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      mac.update(ByteBuffer.allocate(TIME_BYTES).putLong(issuedMillis).array());
      return Arrays.copyOf(mac.doFinal(realm.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks " + HMAC, e);
    }
  }
}
