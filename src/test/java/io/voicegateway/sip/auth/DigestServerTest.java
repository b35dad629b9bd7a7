package io.voicegateway.sip.auth;

import io.voicegateway.testing.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestServerTest {

  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
  private static final String URI = "sip:gateway.example.com";
  private static final String HOST = "192.0.2.10";

  private final FakeClock clock = new FakeClock();
  private final DigestServer server =
      new DigestServer("gateway.example.com", SECRET, Duration.ofMinutes(5), DigestAlgorithm.MD5, clock);

  /** What a phone sends back after reading our challenge off the wire. */
  private DigestCredentials answer(DigestChallenge challenge, String password) {
    return answer(challenge, password, 1);
  }

  private DigestCredentials answer(DigestChallenge challenge, String password, int nc) {
    DigestChallenge onWire = DigestChallenge.parse(challenge.toHeaderValue());
    DigestCredentials c = DigestClient.authorize(onWire, "REGISTER", URI, "alice", password, "c0ffee", nc);
    return DigestCredentials.parse(c.toHeaderValue());
  }

  @Test
  void aNonceIsGoodOnlyFromTheAddressItWasIssuedTo() {
    DigestChallenge challenge = server.challenge(HOST, false);
    DigestCredentials c = answer(challenge, "wonderland");
    assertTrue(server.issued(c.nonce(), HOST));
    assertFalse(server.issued(c.nonce(), "192.0.2.11"));
    assertEquals(DigestVerdict.INVALID, server.verify(c, "REGISTER", "wonderland", "192.0.2.11"));
    assertEquals(DigestVerdict.VALID, server.verify(c, "REGISTER", "wonderland", HOST), "not used up by the replay");
    DigestChallenge v6 = server.challenge("[2001:DB8::1]", false);
    assertTrue(server.issued(v6.nonce(), "2001:db8::1"), "one spelling per address");
  }

  @Test
  void aRepeatedOrLowerNonceCountIsAReplayAndAHigherOneIsNot() {
    DigestChallenge challenge = server.challenge(HOST, false);
    assertEquals(DigestVerdict.VALID, server.verify(answer(challenge, "wonderland", 1), "REGISTER", "wonderland",
        HOST));
    assertEquals(DigestVerdict.REPLAYED, server.verify(answer(challenge, "wonderland", 1), "REGISTER",
        "wonderland", HOST));
    assertEquals(DigestVerdict.VALID, server.verify(answer(challenge, "wonderland", 3), "REGISTER", "wonderland",
        HOST));
    assertEquals(DigestVerdict.REPLAYED, server.verify(answer(challenge, "wonderland", 2), "REGISTER",
        "wonderland", HOST));
    assertEquals(DigestVerdict.INVALID, server.verify(answer(challenge, "guess", 9), "REGISTER", "wonderland",
        HOST), "a wrong password is wrong, whatever its nc");
  }

  @Test
  void twoChallengesInOneMillisecondToOneAddressHaveTheirOwnNonces() {
    DigestChallenge a = server.challenge(HOST, false);
    DigestChallenge b = server.challenge(HOST, false);
    assertNotEquals(a.nonce(), b.nonce());
    assertEquals(DigestVerdict.VALID, server.verify(answer(a, "wonderland"), "REGISTER", "wonderland", HOST));
    assertEquals(DigestVerdict.VALID, server.verify(answer(b, "wonderland"), "REGISTER", "wonderland", HOST));
  }

  @Test
  void withoutQopANonceIsGoodForOneRequest() {
    DigestChallenge challenge = server.challenge(HOST, false);
    String response = DigestClient.response(DigestAlgorithm.MD5, "alice", challenge.realm(), "wonderland",
        challenge.nonce(), null, null, null, "REGISTER", URI);
    DigestCredentials rfc2069 = new DigestCredentials("alice", challenge.realm(), challenge.nonce(), URI, response,
        DigestAlgorithm.MD5, null, null, null, null);
    assertEquals(DigestVerdict.VALID, server.verify(rfc2069, "REGISTER", "wonderland", HOST));
    assertEquals(DigestVerdict.REPLAYED, server.verify(rfc2069, "REGISTER", "wonderland", HOST));
  }

  @Test
  void aNonceCountThatIsNotHexIsInvalid() {
    DigestCredentials c = answer(server.challenge(HOST, false), "wonderland");
    DigestCredentials bad = new DigestCredentials(c.username(), c.realm(), c.nonce(), c.uri(), c.response(),
        c.algorithm(), c.cnonce(), "zz", c.qop(), c.opaque());
    assertEquals(DigestVerdict.INVALID, server.verify(bad, "REGISTER", "wonderland", HOST));
  }

  @Test
  void rightPasswordOnFreshNonceIsValid() {
    DigestChallenge challenge = server.challenge(HOST, false);
    assertEquals(List.of("auth"), challenge.qopOptions());
    clock.advance(Duration.ofMinutes(4));
    assertEquals(DigestVerdict.VALID, server.verify(answer(challenge, "wonderland"), "REGISTER", "wonderland", HOST));
  }

  @Test
  void wrongPasswordIsInvalid() {
    assertEquals(DigestVerdict.INVALID,
        server.verify(answer(server.challenge(HOST, false), "guess"), "REGISTER", "wonderland", HOST));
  }

  @Test
  void expiredNonceWithRightPasswordIsStaleAndTheNextChallengeSaysSo() {
    DigestCredentials c = answer(server.challenge(HOST, false), "wonderland");
    clock.advance(Duration.ofMinutes(5).plusMillis(1));
    assertEquals(DigestVerdict.STALE, server.verify(c, "REGISTER", "wonderland", HOST));
    DigestChallenge again = server.challenge(HOST, true);
    assertTrue(again.toHeaderValue().contains("stale=true"), again.toHeaderValue());
    assertNotEquals(c.nonce(), again.nonce());
    assertEquals(DigestVerdict.VALID, server.verify(answer(again, "wonderland"), "REGISTER", "wonderland", HOST));
  }

  @Test
  void expiredNonceWithWrongPasswordIsInvalidNotStale() {
    DigestCredentials c = answer(server.challenge(HOST, false), "guess");
    clock.advance(Duration.ofHours(1));
    assertEquals(DigestVerdict.INVALID, server.verify(c, "REGISTER", "wonderland", HOST));
  }

  @Test
  void nonceFromAnotherProcessOrTamperedIsInvalid() {
    DigestServer other = new DigestServer("gateway.example.com", "another secret, another process".getBytes(),
        Duration.ofMinutes(5), DigestAlgorithm.MD5, clock);
    assertEquals(DigestVerdict.INVALID,
        server.verify(answer(other.challenge(HOST, false), "pw"), "REGISTER", "pw", HOST));

    DigestChallenge real = server.challenge(HOST, false);
    char[] n = real.nonce().toCharArray();
    n[2] = n[2] == 'A' ? 'B' : 'A'; // change the issue time: the HMAC no longer matches
    DigestChallenge forged = new DigestChallenge(real.realm(), new String(n), null, real.algorithm(),
        real.qopOptions(), false);
    assertEquals(DigestVerdict.INVALID, server.verify(answer(forged, "pw"), "REGISTER", "pw", HOST));

    DigestChallenge junk = new DigestChallenge(real.realm(), "not-base64!!", null, real.algorithm(),
        real.qopOptions(), false);
    assertEquals(DigestVerdict.INVALID, server.verify(answer(junk, "pw"), "REGISTER", "pw", HOST));
  }

  @Test
  void otherRealmOrMethodIsInvalid() {
    DigestChallenge real = server.challenge(HOST, false);
    DigestChallenge otherRealm = new DigestChallenge("evil.example.com", real.nonce(), null, real.algorithm(),
        real.qopOptions(), false);
    assertEquals(DigestVerdict.INVALID, server.verify(answer(otherRealm, "pw"), "REGISTER", "pw", HOST));
    assertEquals(DigestVerdict.INVALID, server.verify(answer(real, "pw"), "INVITE", "pw", HOST));
  }

  @Test
  void sha256ServerVerifiesSha256Clients() {
    DigestServer sha = new DigestServer("r", Arrays.copyOf(SECRET, 32), Duration.ofSeconds(30),
        DigestAlgorithm.SHA_256, clock);
    DigestChallenge challenge = sha.challenge(HOST, false);
    assertEquals(DigestAlgorithm.SHA_256, DigestChallenge.parse(challenge.toHeaderValue()).algorithm());
    assertEquals(DigestVerdict.VALID, sha.verify(answer(challenge, "pw"), "REGISTER", "pw", HOST));
  }
}
