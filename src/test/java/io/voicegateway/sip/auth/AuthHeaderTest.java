package io.voicegateway.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthHeaderTest {

  @Test
  void quotedStringsKeepCommasAndUndoEscapes() {
    AuthHeader h = AuthHeader.parse(
        "Digest  realm=\"a, b\" ,NONCE = \"x\\\"y\\\\z\", qop=\"auth,auth-int\",algorithm=MD5-sess,stale=TRUE");
    assertEquals("Digest", h.scheme());
    assertEquals("a, b", h.param("realm"));
    assertEquals("x\"y\\z", h.param("nonce"));
    assertEquals("auth,auth-int", h.param("qop"));
    assertEquals("MD5-sess", h.param("Algorithm"));
    assertEquals("TRUE", h.param("stale"));
    assertNull(h.param("opaque"));
  }

  @Test
  void quoteRoundTrips() {
    String odd = "say \"hi\" \\ bye, now";
    assertEquals(odd, AuthHeader.parse("Digest realm=" + AuthHeader.quote(odd)).param("realm"));
  }

  @Test
  void schemeAloneIsAllowed() {
    assertEquals(0, AuthHeader.parse("Basic").params().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "   ", "Digest realm=\"unterminated", "Digest realm", "Digest realm=", "Digest =x",
      "Digest realm=\"a\" nonce=\"b\"", "Digest realm=\"a\", realm=\"b\"", "Digest realm=\"a\\"})
  void malformedValuesAreRejected(String value) {
    assertThrows(IllegalArgumentException.class, () -> AuthHeader.parse(value));
  }
}
