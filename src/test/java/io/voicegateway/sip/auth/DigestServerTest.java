package io.voicegateway.sip.auth;

import io.voicegateway.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestServerTest {

  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
  private static final String URI = "sip:gateway.example.com";

  private final FakeClock clock = new FakeClock();
  private final DigestServer server =
      new DigestServer("gateway.example.com", SECRET, Duration.ofMinutes(5), DigestAlgorithm.MD5, clock);

  /** What a phone sends back after reading our challenge off the wire. */
  private DigestCredentials answer(DigestChallenge challenge, String password) {
    DigestChallenge onWire = DigestChallenge.parse(challenge.toHeaderValue());
    DigestCredentials c = DigestClient.authorize(onWire, "REGISTER", URI, "alice", password, "c0ffee", 1);
    return DigestCredentials.parse(c.toHeaderValue());
  }

  @Test
  void rightPasswordOnFreshNonceIsValid() {
    DigestChallenge challenge = server.challenge(false);
    assertEquals(List.of("auth"), challenge.qopOptions());
    clock.advance(Duration.ofMinutes(4));
    assertEquals(DigestVerdict.VALID, server.verify(answer(challenge, "wonderland"), "REGISTER", "wonderland"));
  }

  @Test
  void wrongPasswordIsInvalid() {
    assertEquals(DigestVerdict.INVALID,
        server.verify(answer(server.challenge(false), "guess"), "REGISTER", "wonderland"));
  }

  @Test
  void expiredNonceWithRightPasswordIsStaleAndTheNextChallengeSaysSo() {
    DigestCredentials c = answer(server.challenge(false), "wonderland");
    clock.advance(Duration.ofMinutes(5).plusMillis(1));
    assertEquals(DigestVerdict.STALE, server.verify(c, "REGISTER", "wonderland"));
    DigestChallenge again = server.challenge(true);
    assertTrue(again.toHeaderValue().contains("stale=true"), again.toHeaderValue());
    assertNotEquals(c.nonce(), again.nonce());
    assertEquals(DigestVerdict.VALID, server.verify(answer(again, "wonderland"), "REGISTER", "wonderland"));
  }

  @Test
  void expiredNonceWithWrongPasswordIsInvalidNotStale() {
    DigestCredentials c = answer(server.challenge(false), "guess");
    clock.advance(Duration.ofHours(1));
    assertEquals(DigestVerdict.INVALID, server.verify(c, "REGISTER", "wonderland"));
  }

  @Test
  void nonceFromAnotherProcessOrTamperedIsInvalid() {
    DigestServer other = new DigestServer("gateway.example.com", "another secret, another process".getBytes(),
        Duration.ofMinutes(5), DigestAlgorithm.MD5, clock);
    assertEquals(DigestVerdict.INVALID, server.verify(answer(other.challenge(false), "pw"), "REGISTER", "pw"));

    DigestChallenge real = server.challenge(false);
    char[] n = real.nonce().toCharArray();
    n[2] = n[2] == 'A' ? 'B' : 'A'; // change the issue time: the HMAC no longer matches
    DigestChallenge forged = new DigestChallenge(real.realm(), new String(n), null, real.algorithm(),
        real.qopOptions(), false);
    assertEquals(DigestVerdict.INVALID, server.verify(answer(forged, "pw"), "REGISTER", "pw"));

    DigestChallenge junk = new DigestChallenge(real.realm(), "not-base64!!", null, real.algorithm(),
        real.qopOptions(), false);
    assertEquals(DigestVerdict.INVALID, server.verify(answer(junk, "pw"), "REGISTER", "pw"));
  }

  @Test
  void otherRealmOrMethodIsInvalid() {
    DigestChallenge real = server.challenge(false);
    DigestChallenge otherRealm = new DigestChallenge("evil.example.com", real.nonce(), null, real.algorithm(),
        real.qopOptions(), false);
    assertEquals(DigestVerdict.INVALID, server.verify(answer(otherRealm, "pw"), "REGISTER", "pw"));
    assertEquals(DigestVerdict.INVALID, server.verify(answer(real, "pw"), "INVITE", "pw"));
  }

  @Test
  void sha256ServerVerifiesSha256Clients() {
    DigestServer sha = new DigestServer("r", Arrays.copyOf(SECRET, 32), Duration.ofSeconds(30),
        DigestAlgorithm.SHA_256, clock);
    DigestChallenge challenge = sha.challenge(false);
    assertEquals(DigestAlgorithm.SHA_256, DigestChallenge.parse(challenge.toHeaderValue()).algorithm());
    assertEquals(DigestVerdict.VALID, sha.verify(answer(challenge, "pw"), "REGISTER", "pw"));
  }
}
