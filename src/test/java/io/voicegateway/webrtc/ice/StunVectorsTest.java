package io.voicegateway.webrtc.ice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** RFC 5769's vectors, both ways: parse and verify what the RFC prints, and build it again byte for byte. */
class StunVectorsTest {
  private static final byte[] KEY = StunCrypto.shortTermKey(Rfc5769.PASSWORD);
  private static final byte SPACE = ' ';

  private static StunMessage parse(byte[] bytes) throws StunParseException {
    return StunMessage.parse(bytes, 0, bytes.length);
  }

  @Test
  void sampleRequestParsesAndVerifies() throws Exception {
    StunMessage m = parse(Rfc5769.REQUEST);
    assertEquals(Stun.BINDING_REQUEST, m.messageType());
    assertTrue(m.isRequest());
    assertEquals(0x001, m.method());
    assertArrayEquals(Rfc5769.TRANSACTION_ID, m.transactionId());
    assertEquals("STUN test client", new String(m.attribute(Stun.SOFTWARE), "UTF-8"));
    assertEquals(0x6e0001ffL, m.priority());
    assertEquals(0x932ff9b151263b36L, m.iceControlled());
    assertNull(m.iceControlling());
    assertFalse(m.useCandidate());
    assertEquals("evtj:h6vY", m.username());
    assertTrue(m.integrityMatches(KEY));
    assertFalse(m.integrityMatches(StunCrypto.shortTermKey("VOkJxbRl1RmTxUk/WvJxBT")));
    assertTrue(m.fingerprintMatches());
    assertEquals(0, m.unknownRequiredAttributes().length);
  }

  @Test
  void sampleRequestIsBuiltByteForByte() {
    byte[] built = new StunMessageBuilder(Stun.BINDING_REQUEST, Rfc5769.TRANSACTION_ID)
        .padding(SPACE)
        .addString(Stun.SOFTWARE, "STUN test client")
        .addInt(Stun.PRIORITY, 0x6e0001ff)
        .addLong(Stun.ICE_CONTROLLED, 0x932ff9b151263b36L)
        .addString(Stun.USERNAME, "evtj:h6vY")
        .build(KEY, true);
    assertArrayEquals(Rfc5769.REQUEST, built);
  }

  @Test
  void ipv4ResponseParsesAndIsBuiltByteForByte() throws Exception {
    assertResponseBothWays(Rfc5769.IPV4_RESPONSE, new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));
  }

  @Test
  void ipv6ResponseParsesAndIsBuiltByteForByte() throws Exception {
    assertResponseBothWays(Rfc5769.IPV6_RESPONSE,
        new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853));
  }

  /** §2.2 and §2.3 differ only in the mapped address. */
  private static void assertResponseBothWays(byte[] vector, InetSocketAddress mapped) throws Exception {
    StunMessage m = parse(vector);
    assertEquals(Stun.BINDING_SUCCESS, m.messageType());
    assertEquals(2, m.messageClass());
    assertEquals(mapped, m.xorMappedAddress());
    assertTrue(m.integrityMatches(KEY));
    assertTrue(m.fingerprintMatches());

    byte[] built = new StunMessageBuilder(Stun.BINDING_SUCCESS, Rfc5769.TRANSACTION_ID)
        .padding(SPACE)
        .addString(Stun.SOFTWARE, "test vector")
        .addXorMappedAddress(mapped)
        .build(KEY, true);
    assertArrayEquals(vector, built);
  }

  @Test
  void longTermRequestVerifiesAndIsBuiltByteForByte() throws Exception {
    byte[] key = StunCrypto.longTermKey(Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_REALM,
        Rfc5769.LONG_TERM_PASSWORD);
    StunMessage m = parse(Rfc5769.LONG_TERM_REQUEST);
    assertEquals(Rfc5769.LONG_TERM_USERNAME, m.username());
    assertEquals(Rfc5769.LONG_TERM_NONCE, new String(m.attribute(Stun.NONCE), "UTF-8"));
    assertEquals(Rfc5769.LONG_TERM_REALM, new String(m.attribute(Stun.REALM), "UTF-8"));
    assertFalse(m.hasFingerprint());
    assertFalse(m.fingerprintMatches());
    assertTrue(m.integrityMatches(key));
    assertFalse(m.integrityMatches(StunCrypto.longTermKey(Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_REALM,
        "thematrix")));

    byte[] built = new StunMessageBuilder(Stun.BINDING_REQUEST, m.transactionId())
        .addString(Stun.USERNAME, Rfc5769.LONG_TERM_USERNAME)
        .addString(Stun.NONCE, Rfc5769.LONG_TERM_NONCE)
        .addString(Stun.REALM, Rfc5769.LONG_TERM_REALM)
        .build(key, false);
    assertArrayEquals(Rfc5769.LONG_TERM_REQUEST, built);
  }

  @Test
  void aFlippedBitBreaksIntegrityAndFingerprint() throws Exception {
    byte[] tampered = Rfc5769.REQUEST.clone();
    tampered[30] ^= 0x01; // inside SOFTWARE
    StunMessage m = parse(tampered);
    assertFalse(m.integrityMatches(KEY));
    assertFalse(m.fingerprintMatches());
  }

  @Test
  void attributesAfterMessageIntegrityAreIgnored() throws Exception {
    // RFC 5389 §15.4: appending USE-CANDIDATE after the integrity must not nominate anything.
    byte[] signed = new StunMessageBuilder(Stun.BINDING_REQUEST, Rfc5769.TRANSACTION_ID)
        .addString(Stun.USERNAME, "a:b")
        .build(KEY, false);
    byte[] appended = java.util.Arrays.copyOf(signed, signed.length + 4);
    appended[signed.length + 1] = (byte) Stun.USE_CANDIDATE;
    int length = appended.length - Stun.HEADER_LENGTH;
    appended[2] = (byte) (length >>> 8);
    appended[3] = (byte) length;
    StunMessage m = parse(appended);
    assertFalse(m.useCandidate());
    assertTrue(m.integrityMatches(KEY));
  }

  @Test
  void errorCodeAndUnknownAttributesRoundTrip() throws Exception {
    byte[] built = new StunMessageBuilder(Stun.BINDING_ERROR, Rfc5769.TRANSACTION_ID)
        .addErrorCode(420, "Unknown Attribute")
        .addUnknownAttributes(new int[] {0x0031, 0x7777, 0x0042})
        .build(KEY, true);
    StunMessage m = parse(built);
    assertEquals(3, m.messageClass());
    assertEquals(420, m.errorCode());
    assertEquals("Unknown Attribute", m.errorReason());
    assertArrayEquals(StunVectorsTest.hex("0031 7777 0042"), m.attribute(Stun.UNKNOWN_ATTRIBUTES));
    assertTrue(m.integrityMatches(KEY));
    assertTrue(m.fingerprintMatches());
  }

  private static byte[] hex(String s) {
    return Rfc5769.hex(s);
  }
}
