package io.voicegateway.webrtc.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IceLiteResponderTest {
  private static final String LOCAL_UFRAG = "gw1Z";
  private static final String LOCAL_PWD = "gatewayPasswordOf22chr";
  private static final String REMOTE_UFRAG = "brwS";
  private static final byte[] KEY = StunCrypto.shortTermKey(LOCAL_PWD);
  private static final InetSocketAddress BROWSER = new InetSocketAddress("198.51.100.20", 61234);
  private static final byte[] TXID = Rfc5769.hex("00 11 22 33 44 55 66 77 88 99 aa bb");

  /** What a browser's check is made of; each case changes one part. */
  private record Check(int type, String username, byte[] key, boolean controlling, boolean controlled,
      boolean priority, boolean useCandidate, int extraAttribute, boolean fingerprint) {
    static Check valid() {
      return new Check(Stun.BINDING_REQUEST, LOCAL_UFRAG + ":" + REMOTE_UFRAG, KEY, true, false, true, false, -1,
          true);
    }

    byte[] bytes() {
      StunMessageBuilder b = new StunMessageBuilder(type, TXID);
      if (username != null) {
        b.addString(Stun.USERNAME, username);
      }
      if (priority) {
        b.addInt(Stun.PRIORITY, 0x6e7f1eff);
      }
      if (controlling) {
        b.addLong(Stun.ICE_CONTROLLING, 0x1122334455667788L);
      }
      if (controlled) {
        b.addLong(Stun.ICE_CONTROLLED, 0x0102030405060708L);
      }
      if (useCandidate) {
        b.addFlag(Stun.USE_CANDIDATE);
      }
      if (extraAttribute >= 0) {
        b.add(extraAttribute, new byte[] {1, 2, 3, 4});
      }
      return b.build(key, fingerprint);
    }
  }

  /** The accept/reject table: a change to a valid check, and what the responder must do. */
  enum Case {
    VALID(c -> c, CheckOutcome.ACCEPTED, true),
    VALID_WITH_UNKNOWN_OPTIONAL_ATTRIBUTE(c -> with(c, "extra", 0xC057), CheckOutcome.ACCEPTED, true),
    NOMINATING(c -> with(c, "useCandidate", true), CheckOutcome.ACCEPTED, true),
    WRONG_REMOTE_UFRAG(c -> with(c, "username", LOCAL_UFRAG + ":other"), CheckOutcome.UNAUTHORIZED, false),
    WRONG_LOCAL_UFRAG(c -> with(c, "username", "other:" + REMOTE_UFRAG), CheckOutcome.UNAUTHORIZED, false),
    USERNAME_REVERSED(c -> with(c, "username", REMOTE_UFRAG + ":" + LOCAL_UFRAG), CheckOutcome.UNAUTHORIZED, false),
    WRONG_PASSWORD(c -> with(c, "key", StunCrypto.shortTermKey("notTheGatewayPassword!")), CheckOutcome.UNAUTHORIZED,
        false),
    NO_USERNAME(c -> with(c, "username", null), CheckOutcome.BAD_REQUEST, false),
    NO_INTEGRITY(c -> with(c, "key", null), CheckOutcome.BAD_REQUEST, false),
    BROWSER_CLAIMS_CONTROLLED(c -> with(with(c, "controlling", false), "controlled", true), CheckOutcome.ROLE_CONFLICT,
        true),
    BOTH_ROLES(c -> with(c, "controlled", true), CheckOutcome.BAD_REQUEST, true),
    NO_ROLE(c -> with(c, "controlling", false), CheckOutcome.BAD_REQUEST, true),
    NO_PRIORITY(c -> with(c, "priority", false), CheckOutcome.BAD_REQUEST, true),
    UNKNOWN_REQUIRED_ATTRIBUTE(c -> with(c, "extra", 0x0031), CheckOutcome.UNKNOWN_ATTRIBUTE, true),
    NO_FINGERPRINT(c -> with(c, "fingerprint", false), CheckOutcome.DROPPED, false),
    BINDING_INDICATION(c -> with(c, "type", Stun.BINDING_INDICATION), CheckOutcome.DROPPED, false),
    BINDING_SUCCESS_RESPONSE(c -> with(c, "type", Stun.BINDING_SUCCESS), CheckOutcome.DROPPED, false),
    OTHER_METHOD(c -> with(c, "type", 0x0003), CheckOutcome.DROPPED, false);

    final UnaryOperator<Check> change;
    final CheckOutcome outcome;
    final boolean responseAuthenticated;

    Case(UnaryOperator<Check> change, CheckOutcome outcome, boolean responseAuthenticated) {
      this.change = change;
      this.outcome = outcome;
      this.responseAuthenticated = responseAuthenticated;
    }
  }

  private static Check with(Check c, String part, Object value) {
    return new Check(part.equals("type") ? (Integer) value : c.type(),
        part.equals("username") ? (String) value : c.username(),
        part.equals("key") ? (byte[]) value : c.key(),
        part.equals("controlling") ? (Boolean) value : c.controlling(),
        part.equals("controlled") ? (Boolean) value : c.controlled(),
        part.equals("priority") ? (Boolean) value : c.priority(),
        part.equals("useCandidate") ? (Boolean) value : c.useCandidate(),
        part.equals("extra") ? (Integer) value : c.extraAttribute(),
        part.equals("fingerprint") ? (Boolean) value : c.fingerprint());
  }

  private static IceLiteResponder responder() {
    return new IceLiteResponder(LOCAL_UFRAG, LOCAL_PWD, REMOTE_UFRAG);
  }

  @ParameterizedTest
  @EnumSource(Case.class)
  void answersPerTheTable(Case testCase) throws Exception {
    IceLiteResponder responder = responder();
    byte[] request = testCase.change.apply(Check.valid()).bytes();
    CheckResult result = responder.handle(request, 0, request.length, BROWSER);

    assertEquals(testCase.outcome, result.outcome(), result.reason());
    if (testCase.outcome == CheckOutcome.DROPPED) {
      assertNull(result.response());
      assertFalse(result.validCheck());
      return;
    }
    StunMessage response = StunMessage.parse(result.response(), 0, result.response().length);
    assertArrayEquals(TXID, response.transactionId());
    assertTrue(response.fingerprintMatches(), "every response ends with FINGERPRINT");
    assertEquals(testCase.responseAuthenticated, response.integrityMatches(KEY));
    assertEquals(testCase.responseAuthenticated, response.hasIntegrity());
    if (testCase.outcome == CheckOutcome.ACCEPTED) {
      assertEquals(Stun.BINDING_SUCCESS, response.messageType());
      assertEquals(BROWSER, response.xorMappedAddress());
      assertTrue(result.validCheck());
    } else {
      assertEquals(Stun.BINDING_ERROR, response.messageType());
      assertEquals(testCase.outcome.errorCode(), response.errorCode());
      assertFalse(result.validCheck());
      assertFalse(result.nominated());
      assertNull(responder.nominated(), "a rejected check nominates nothing");
    }
  }

  @Test
  void a420ListsTheUnknownAttributes() throws Exception {
    byte[] request = with(Check.valid(), "extra", 0x0031).bytes();
    CheckResult result = responder().handle(request, 0, request.length, BROWSER);
    StunMessage response = StunMessage.parse(result.response(), 0, result.response().length);
    assertArrayEquals(Rfc5769.hex("0031"), response.attribute(Stun.UNKNOWN_ATTRIBUTES));
  }

  @Test
  void useCandidateNominatesTheBrowsersAddressAndAPlainCheckDoesNot() {
    IceLiteResponder responder = responder();
    byte[] plain = Check.valid().bytes();
    assertFalse(responder.handle(plain, 0, plain.length, BROWSER).nominated());
    assertNull(responder.nominated());

    byte[] nominating = with(Check.valid(), "useCandidate", true).bytes();
    CheckResult result = responder.handle(nominating, 0, nominating.length, BROWSER);
    assertTrue(result.nominated());
    assertEquals(BROWSER, responder.nominated());
  }

  @Test
  void aLowerPriorityNominationDoesNotReplaceAHigherOne() {
    IceLiteResponder responder = responder();
    byte[] high = with(Check.valid(), "useCandidate", true).bytes(); // priority 0x6e7f1eff
    responder.handle(high, 0, high.length, BROWSER);
    byte[] low = new StunMessageBuilder(Stun.BINDING_REQUEST, TXID)
        .addString(Stun.USERNAME, LOCAL_UFRAG + ":" + REMOTE_UFRAG)
        .addInt(Stun.PRIORITY, 0x00000001)
        .addLong(Stun.ICE_CONTROLLING, 1)
        .addFlag(Stun.USE_CANDIDATE)
        .build(KEY, true);
    InetSocketAddress relay = new InetSocketAddress("203.0.113.9", 3478);
    assertSame(CheckOutcome.ACCEPTED, responder.handle(low, 0, low.length, relay).outcome());
    assertEquals(BROWSER, responder.nominated(), "RFC 8445 §8.1.1: the highest-priority nominated pair is used");
  }

  @Test
  void aBadFingerprintIsDroppedNotAnswered() {
    byte[] request = Check.valid().bytes();
    request[request.length - 1] ^= 0x01;
    assertSame(CheckOutcome.DROPPED, responder().handle(request, 0, request.length, BROWSER).outcome());
  }

  @Test
  void theCheckIsReadFromItsOffsetInALargerBuffer() {
    byte[] request = Check.valid().bytes();
    byte[] buffer = new byte[request.length + 10];
    System.arraycopy(request, 0, buffer, 7, request.length);
    assertSame(CheckOutcome.ACCEPTED, responder().handle(buffer, 7, request.length, BROWSER).outcome());
  }

  @Test
  void anIpv6SourceIsMappedBack() throws Exception {
    InetSocketAddress v6 = new InetSocketAddress("2001:db8::42", 50000);
    byte[] request = Check.valid().bytes();
    CheckResult result = responder().handle(request, 0, request.length, v6);
    assertEquals(v6, StunMessage.parse(result.response(), 0, result.response().length).xorMappedAddress());
  }
}
