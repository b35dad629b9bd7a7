package io.voicegateway.webrtc.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Junk must come back as a {@link StunParseException} (or parse), never another exception, a loop or a big array. */
class StunMessageRobustnessTest {
  private static final List<byte[]> SEEDS = List.of(Rfc5769.REQUEST, Rfc5769.IPV4_RESPONSE, Rfc5769.IPV6_RESPONSE,
      Rfc5769.LONG_TERM_REQUEST);
  private static final InetSocketAddress SOURCE = new InetSocketAddress("192.0.2.7", 50000);

  private static String reject(String hex) {
    byte[] b = Rfc5769.hex(hex);
    return assertThrows(StunParseException.class, () -> StunMessage.parse(b, 0, b.length)).getMessage();
  }

  @Test
  void eachFramingFaultIsNamed() {
    assertTrue(reject("00 01 00 00 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00").contains("shorter than"));
    assertTrue(reject("c0 01 00 00 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00").contains("two bits"));
    assertTrue(reject("00 01 00 00 21 12 a4 43 00 00 00 00 00 00 00 00 00 00 00 00").contains("magic cookie"));
    // a length larger than the packet, and one smaller
    assertTrue(reject("00 01 00 08 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 25 00 00").contains("match"));
    assertTrue(reject("00 01 00 00 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 25 00 00").contains("match"));
    // a length that is not a multiple of 4 (no padding)
    assertTrue(reject("00 01 00 03 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 06 00").contains("multiple"));
    // an attribute whose value (or padding) runs past the end
    assertTrue(reject("00 01 00 08 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 06 00 05 61 62 63 64")
        .contains("runs past"));
    assertTrue(reject("00 01 00 08 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 06 ff ff 61 62 63 64")
        .contains("runs past"));
    // known attributes of the wrong size
    assertTrue(reject("00 01 00 08 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 24 00 02 00 01 00 00")
        .contains("bad length"));
    assertTrue(reject("00 01 00 04 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 08 00 00")
        .contains("bad length"));
    // something after FINGERPRINT
    assertTrue(reject("00 01 00 0c 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 80 28 00 04 00 00 00 00 00 25 00 00")
        .contains("after FINGERPRINT"));
  }

  @Test
  void everyTruncationOfEveryVectorIsRejected() {
    for (byte[] seed : SEEDS) {
      for (int n = 0; n < seed.length; n++) {
        int length = n;
        assertThrows(StunParseException.class, () -> StunMessage.parse(seed, 0, length), "truncated to " + n);
      }
    }
  }

  @Test
  void randomBytesFlippedBitsAndAttributeSoupOnlyEverFailToParse() {
    Random random = new Random(5769);
    IceLiteResponder responder = new IceLiteResponder("evtj", Rfc5769.PASSWORD, "h6vY");
    int parsed = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] junk = junk(random, i);
      try {
        StunMessage m = StunMessage.parse(junk, 0, junk.length);
        parsed++;
        exercise(m);
      } catch (StunParseException expected) {
        // the only failure allowed
      }
      CheckResult result = responder.handle(junk, 0, junk.length, SOURCE);
      assertTrue(result.response() == null || result.response().length <= 20 + 8 + 24 + 8 + 2 * junk.length);
    }
    assertTrue(parsed > 500, "the soup should parse often enough to exercise the accessors: " + parsed);
  }

  private static byte[] junk(Random random, int i) {
    switch (i % 4) {
      case 0: {
        byte[] b = new byte[random.nextInt(120)];
        random.nextBytes(b);
        return b;
      }
      case 1: {
        byte[] seed = SEEDS.get(random.nextInt(SEEDS.size()));
        byte[] b = seed.clone();
        for (int k = 0; k <= i % 5; k++) {
          b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
      }
      case 2: {
        byte[] seed = SEEDS.get(random.nextInt(SEEDS.size()));
        return Arrays.copyOf(seed, random.nextInt(seed.length + 1));
      }
      default: {
        // a valid header and random attribute soup: type/length words from a small set so that they line up
        int words = random.nextInt(30);
        byte[] b = new byte[20 + 4 * words];
        b[1] = 0x01;
        b[2] = (byte) ((4 * words) >>> 8);
        b[3] = (byte) (4 * words);
        b[4] = 0x21;
        b[5] = 0x12;
        b[6] = (byte) 0xa4;
        b[7] = 0x42;
        int[] types = {0x0006, 0x0008, 0x0009, 0x0020, 0x0024, 0x0025, 0x8028, 0x8029, 0x802a, 0x0031, 0xc057};
        for (int w = 0; w < words; w++) {
          int at = 20 + 4 * w;
          if (random.nextBoolean()) {
            int type = types[random.nextInt(types.length)];
            int length = random.nextInt(4) * 4 + (random.nextInt(4) == 0 ? random.nextInt(4) : 0);
            b[at] = (byte) (type >>> 8);
            b[at + 1] = (byte) type;
            b[at + 3] = (byte) length;
          } else {
            b[at] = (byte) random.nextInt(256);
            b[at + 1] = (byte) random.nextInt(256);
            b[at + 2] = (byte) random.nextInt(256);
            b[at + 3] = (byte) random.nextInt(256);
          }
        }
        return b;
      }
    }
  }

  /** Every accessor on a parsed message may fail only with a parse exception. */
  private static void exercise(StunMessage m) {
    m.username();
    m.priority();
    m.iceControlled();
    m.iceControlling();
    m.useCandidate();
    m.integrityMatches(new byte[] {1});
    m.fingerprintMatches();
    m.errorReason();
    m.unknownRequiredAttributes();
    for (int type : m.attributeTypes()) {
      m.attribute(type);
    }
    try {
      m.xorMappedAddress();
    } catch (StunParseException expected) {
      // a bad family is a parse fault
    }
    try {
      m.errorCode();
    } catch (StunParseException expected) {
      // so is an error class out of range
    }
  }

  @Test
  void theLargestMessageOfEmptyAttributesIsWalkedOnceWithArraysNoLargerThanTheMessage() throws Exception {
    StunMessage m = largest((byte) 0x80, 0); // comprehension-optional 0x8000, unknown: kept but harmless
    assertEquals(0xFFFC / 4, m.attributeTypes().length);
    assertEquals(0, m.unknownRequiredAttributes().length);
  }

  @Test
  void aFloodOfUnknownRequiredAttributesIsListedOnlyUpToTheCap() throws Exception {
    StunMessage m = largest((byte) 0x70, 1); // 16383 different comprehension-required types 0x7000..
    assertEquals(StunMessage.MAX_UNKNOWN_LISTED, m.unknownRequiredAttributes().length);
  }

  /** The largest message a STUN length can announce: 16383 zero-length attributes of type (high, low + i). */
  private static StunMessage largest(byte high, int step) throws StunParseException {
    int body = 0xFFFC;
    byte[] b = new byte[20 + body];
    b[1] = 0x01;
    b[2] = (byte) (body >>> 8);
    b[3] = (byte) body;
    b[4] = 0x21;
    b[5] = 0x12;
    b[6] = (byte) 0xa4;
    b[7] = 0x42;
    for (int at = 20, i = 0; at < b.length; at += 4, i++) {
      int type = ((high & 0xFF) << 8) + (step * i & 0xFFF);
      b[at] = (byte) (type >>> 8);
      b[at + 1] = (byte) type;
    }
    return StunMessage.parse(b, 0, b.length);
  }

  @Test
  void aRangeOutsideTheArrayIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> StunMessage.parse(new byte[10], 5, 10));
  }
}
