package io.voicegateway.sip.auth;

import java.time.Clock;
import java.time.Duration;

/**
 * The server side of Digest for the registrar: stateless nonces that carry their issue time and an HMAC under
 * a per-process secret, so any nonce can be checked and aged without a table of outstanding nonces.
 * Thread-safe.
 */
public final class DigestServer {

  /**
   * @param realm    our realm
   * @param secret   HMAC key; random per process (nonces die with the process)
   * @param lifetime how long a nonce stays fresh; older ones verify as {@link DigestVerdict#STALE}
   * @param clock    the time source, stepped in tests
   */
  public DigestServer(String realm, byte[] secret, Duration lifetime, DigestAlgorithm algorithm, Clock clock) {
    throw new UnsupportedOperationException("not yet");
  }

  /** A server with a fresh random secret, MD5 and the system clock. */
  public static DigestServer create(String realm, Duration lifetime) {
    throw new UnsupportedOperationException("not yet");
  }

  /** A new challenge ({@code qop="auth"}, fresh nonce); {@code stale} as told by the last verdict. */
  public DigestChallenge challenge(boolean stale) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Checks credentials for a request with the user's password (looked up by {@code credentials.username()}). */
  public DigestVerdict verify(DigestCredentials credentials, String method, String password) {
    throw new UnsupportedOperationException("not yet");
  }
}
