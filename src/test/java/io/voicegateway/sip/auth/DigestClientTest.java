package io.voicegateway.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestClientTest {

  /** RFC 2617 §3.5. */
  @Test
  void rfc2617Example() {
    DigestChallenge challenge = DigestChallenge.parse("""
        Digest realm="testrealm@host.com", qop="auth,auth-int", \
        nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41\"""");
    DigestCredentials c = DigestClient.authorize(challenge, "GET", "/dir/index.html", "Mufasa", "Circle Of Life",
        "0a4f113b", 1);
    assertEquals("6629fae49393a05397450978507c4ef1", c.response());
    assertEquals("00000001", c.nc());
    assertEquals("auth", c.qop());
    assertEquals("5ccc069c403ebaf9f0171e9517f40e41", c.opaque());

    DigestCredentials back = DigestCredentials.parse(c.toHeaderValue());
    assertEquals(c, back);
  }

  /** RFC 7616 §3.9.1, the same request answered with MD5 and with SHA-256. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "MD5,     8ca523f5e9506fed4657c9700eebdbec",
      "SHA-256, 753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"})
  void rfc7616Examples(String algorithm, String expected) {
    DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\","
        + " algorithm=" + algorithm + ", nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
        + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
    assertEquals(List.of("auth", "auth-int"), challenge.qopOptions());
    DigestCredentials c = DigestClient.authorize(challenge, "GET", "/dir/index.html", "Mufasa", "Circle of Life",
        "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", 1);
    assertEquals(expected, c.response());
    assertTrue(c.toHeaderValue().contains("algorithm=" + algorithm), c.toHeaderValue());
  }

  @Test
  void withoutQopTheRfc2069FormIsUsed() {
    DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"sip.example.com\", nonce=\"abc\"");
    DigestCredentials c = DigestClient.authorize(challenge, "REGISTER", "sip:sip.example.com", "bob", "secret",
        "ignored", 1);
    assertNull(c.qop());
    assertNull(c.cnonce());
    assertNull(c.nc());
    String ha1 = DigestAlgorithm.MD5.hash("bob:sip.example.com:secret");
    String ha2 = DigestAlgorithm.MD5.hash("REGISTER:sip:sip.example.com");
    assertEquals(DigestAlgorithm.MD5.hash(ha1 + ":abc:" + ha2), c.response());
    assertEquals(c, DigestCredentials.parse(c.toHeaderValue()));
  }

  @Test
  void sessAlgorithmsHashNonceAndCnonceIntoA1() {
    for (DigestAlgorithm a : List.of(DigestAlgorithm.MD5_SESS, DigestAlgorithm.SHA_256_SESS)) {
      String ha1 = a.hash(a.hash("bob:r:pw") + ":n:cn");
      String ha2 = a.hash("INVITE:sip:x@y");
      String expected = a.hash(ha1 + ":n:00000002:cn:auth:" + ha2);
      assertEquals(expected, DigestClient.response(a, "bob", "r", "pw", "n", "cn", "00000002", "auth", "INVITE",
          "sip:x@y"));
      assertEquals(a, DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", algorithm=" + a.token()).algorithm());
    }
  }

  @Test
  void ncCountsPerNonceAndRestartsWithANewOne() {
    AtomicInteger cnonces = new AtomicInteger();
    DigestClient client = new DigestClient("bob", "pw", () -> "cn" + cnonces.incrementAndGet());
    DigestChallenge first = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n1\", qop=\"auth\"");
    assertEquals("00000001", client.authorize(first, "REGISTER", "sip:r").nc());
    DigestCredentials second = client.authorize(first, "REGISTER", "sip:r");
    assertEquals("00000002", second.nc());
    assertEquals("cn1", second.cnonce());
    DigestCredentials renewed = client.authorize(
        DigestChallenge.parse("Digest realm=\"r\", nonce=\"n2\", qop=\"auth\", stale=true"), "REGISTER", "sip:r");
    assertEquals("00000001", renewed.nc());
    assertEquals("cn2", renewed.cnonce());
  }

  @Test
  void strongestChallengeIsPicked() {
    DigestChallenge picked = DigestClient.pickChallenge(List.of(
        "Basic realm=\"x\"",
        "Digest realm=\"r\", nonce=\"a\", algorithm=MD5",
        "Digest realm=\"r\", nonce=\"b\", algorithm=SHA-512-256",
        "Digest realm=\"r\", nonce=\"c\", algorithm=SHA-256")).orElseThrow();
    assertEquals("c", picked.nonce());
    assertEquals("a", DigestClient.pickChallenge(List.of("Digest realm=\"r\", nonce=\"a\"")).orElseThrow().nonce());
    assertTrue(DigestClient.pickChallenge(List.of("Basic realm=\"x\"")).isEmpty());
  }

  @Test
  void authIntOnlyIsRefused() {
    DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"");
    assertThrows(IllegalArgumentException.class,
        () -> DigestClient.authorize(challenge, "INVITE", "sip:a@b", "u", "p", "c", 1));
  }

  @Test
  void challengeRoundTrips() {
    DigestChallenge c = new DigestChallenge("r \"q\"", "n,1", "op", DigestAlgorithm.SHA_256, List.of("auth"), true);
    assertEquals(c, DigestChallenge.parse(c.toHeaderValue()));
  }

  @Test
  void challengeWithoutNonceOrOfAnotherSchemeIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> DigestChallenge.parse("Digest realm=\"r\""));
    assertThrows(IllegalArgumentException.class, () -> DigestChallenge.parse("Basic realm=\"r\""));
    assertThrows(IllegalArgumentException.class, () -> DigestCredentials.parse("Digest username=\"u\""));
  }
}
