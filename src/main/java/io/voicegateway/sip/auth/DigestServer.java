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
 * The server side of Digest for devices (REGISTER and INVITE): nonces that carry their issue time and an HMAC
 * under a per-process secret over that time, the realm and the source address the challenge went to, so any
 * nonce can be checked, aged and tied to its source without a table of outstanding nonces.
 * Nonce = base64url(issue millis (8 bytes) ‖ salt (8 random bytes) ‖ HMAC-SHA256(secret, millis ‖ salt ‖ realm ‖
 * source host) truncated to 16). The salt keeps two challenges in one millisecond to one address (two phones
 * behind one NAT) from sharing a nonce, and so a nonce-count sequence.
 * A nonce presented from another address fails its HMAC (a captured request replayed elsewhere is a stranger's);
 * from the same address, {@link NonceCounts} refuses an {@code nc} not above the last one accepted (with
 * {@code qop=auth}; without qop a nonce is good for one request). Thread-safe.
 */
public final class DigestServer {

  private static final int TIME_BYTES = Long.BYTES;
  private static final int SALT_BYTES = 8;
  private static final int MAC_BYTES = 16;
  private static final SecureRandom SALTS = new SecureRandom();
  private static final String HMAC = "HmacSHA256";
  /** Live nonces whose nc is tracked; each is ~150 bytes, and only an authenticated request adds one. */
  private static final int NONCES_TRACKED = 20_000;

  private final String realm;
  private final SecretKeySpec key;
  private final long lifetimeMs;
  private final DigestAlgorithm algorithm;
  private final Clock clock;
  private final NonceCounts counts;

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
    this.counts = new NonceCounts(NONCES_TRACKED, lifetimeMs);
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

  /**
   * A new challenge ({@code qop="auth"}, fresh nonce good only from {@code sourceHost}); {@code stale} as told by
   * the last verdict.
   */
  public DigestChallenge challenge(String sourceHost, boolean stale) {
    long now = clock.millis();
    byte[] salt = new byte[SALT_BYTES];
    SALTS.nextBytes(salt);
    byte[] nonce = ByteBuffer.allocate(TIME_BYTES + SALT_BYTES + MAC_BYTES).putLong(now).put(salt)
        .put(mac(now, salt, sourceHost)).array();
    return new DigestChallenge(realm, Base64.getUrlEncoder().withoutPadding().encodeToString(nonce), null,
        algorithm, List.of("auth"), stale);
  }

  /**
   * Checks credentials a request from {@code sourceHost} carries, with the user's password (looked up by
   * {@code credentials.username()}). STALE and REPLAYED only when the response is right, so a client never
   * learns a wrong password is merely "stale". The caller still checks that {@code credentials.uri()} names the
   * Request-URI.
   */
  public DigestVerdict verify(DigestCredentials credentials, String method, String password, String sourceHost) {
    if (!realm.equals(credentials.realm()) || credentials.algorithm() != algorithm
        || credentials.qop() != null && !"auth".equalsIgnoreCase(credentials.qop())) {
      return DigestVerdict.INVALID;
    }
    long nc = nonceCount(credentials);
    long issued = issueTime(credentials.nonce(), sourceHost);
    if (issued < 0 || nc <= 0) {
      return DigestVerdict.INVALID;
    }
    String expected = DigestClient.response(algorithm, credentials.username(), realm, password,
        credentials.nonce(), credentials.cnonce(), credentials.nc(), credentials.qop(), method, credentials.uri());
    byte[] given = credentials.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given)) {
      return DigestVerdict.INVALID;
    }
    long now = clock.millis();
    long age = now - issued;
    if (age < 0 || age > lifetimeMs) {
      return DigestVerdict.STALE;
    }
    return switch (counts.use(credentials.nonce(), issued, nc, now)) {
      case FRESH -> DigestVerdict.VALID;
      case REPEATED -> DigestVerdict.REPLAYED;
      case FORGOTTEN -> DigestVerdict.STALE;
    };
  }

  /**
   * True for a nonce this server made (of any age) for {@code sourceHost}: a request carrying someone else's
   * nonce (one from before a restart, or one issued to another address) deserves a fresh challenge rather than
   * counting as a wrong password.
   */
  public boolean issued(String nonce, String sourceHost) {
    return issueTime(nonce, sourceHost) >= 0;
  }

  /** The credentials' nc as a number; 1 without qop (the nonce is then good once); -1 when it is not hex. */
  private static long nonceCount(DigestCredentials credentials) {
    if (credentials.qop() == null) {
      return 1;
    }
    String nc = credentials.nc();
    if (nc.isEmpty() || nc.length() > 8) {
      return -1;
    }
    try {
      return Long.parseLong(nc, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The issue time a nonce of ours for {@code sourceHost} carries, or -1 for one we did not make for it. */
  private long issueTime(String nonce, String sourceHost) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(nonce);
    } catch (IllegalArgumentException e) {
      return -1;
    }
    if (raw.length != TIME_BYTES + SALT_BYTES + MAC_BYTES) {
      return -1;
    }
    long issued = ByteBuffer.wrap(raw).getLong();
    byte[] salt = Arrays.copyOfRange(raw, TIME_BYTES, TIME_BYTES + SALT_BYTES);
    byte[] tag = Arrays.copyOfRange(raw, TIME_BYTES + SALT_BYTES, raw.length);
    return MessageDigest.isEqual(mac(issued, salt, sourceHost), tag) ? issued : -1;
  }

  private byte[] mac(long issuedMillis, byte[] salt, String sourceHost) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      mac.update(ByteBuffer.allocate(TIME_BYTES).putLong(issuedMillis).array());
      mac.update(salt);
      mac.update(realm.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0); // realm and host cannot run into each other
      return Arrays.copyOf(mac.doFinal(hostKey(sourceHost).getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks " + HMAC, e);
    }
  }

  /** One spelling per address: {@code [::1]} and {@code ::1}, upper and lower case hex, are the same host. */
  private static String hostKey(String host) {
    return host.replace("[", "").replace("]", "").toLowerCase(Locale.ROOT);
  }
}
