package io.voicegateway.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketKindTest {
  /** RFC 7983 §7's ranges, at both edges of each, and the gaps between them. */
  @ParameterizedTest
  @CsvSource({
      "0, STUN", "3, STUN", "4, UNKNOWN", "15, UNKNOWN",
      "16, ZRTP", "19, ZRTP",
      "20, DTLS", "22, DTLS", "63, DTLS",
      "64, TURN_CHANNEL", "79, TURN_CHANNEL", "80, UNKNOWN", "127, UNKNOWN",
      "128, RTP", "144, RTP", "191, RTP",
      "192, UNKNOWN", "255, UNKNOWN"})
  void firstByteRanges(int first, PacketKind expected) {
    assertEquals(expected, PacketKind.of((byte) first));
  }

  /** RFC 5761 §4: RTCP packet types 192–223 in the second byte; RTP's marker bit plus payload type elsewhere. */
  @ParameterizedTest
  @CsvSource({
      "128, 0, RTP",        // PCMU
      "128, 111, RTP",      // Opus
      "128, 239, RTP",      // Opus with the marker bit
      "128, 191, RTP",      // marker + payload type 63
      "128, 192, RTCP",     // FIR
      "129, 200, RTCP",     // SR
      "129, 201, RTCP",     // RR
      "129, 205, RTCP",     // RTPFB (NACK)
      "143, 206, RTCP",     // PSFB (PLI)
      "128, 223, RTCP",
      "128, 224, RTP",      // marker + payload type 96
      "0, 200, STUN",       // the second byte matters only for media
      "22, 254, DTLS"})
  void secondByteSplitsRtcpFromRtp(int first, int second, PacketKind expected) {
    assertEquals(expected, PacketKind.of((byte) first, (byte) second));
  }

  @Test
  void datagramsTooShortForTheirHeaderAreUnknown() {
    assertEquals(PacketKind.UNKNOWN, PacketKind.of(new byte[0], 0));
    assertEquals(PacketKind.UNKNOWN, PacketKind.of(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 11));
    assertEquals(PacketKind.RTP, PacketKind.of(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 12));
    assertEquals(PacketKind.RTCP, PacketKind.of(new byte[] {(byte) 0x81, (byte) 201, 0, 1, 0, 0, 0, 1}, 8));
    assertEquals(PacketKind.UNKNOWN, PacketKind.of(new byte[] {(byte) 0x81, (byte) 201, 0, 1}, 4));
    assertEquals(PacketKind.STUN, PacketKind.of(new byte[] {0, 1}, 1));
    assertEquals(PacketKind.UNKNOWN, PacketKind.of(new byte[] {0, 1}, 3), "a length past the array");
  }

  @Test
  void onlyRtpAndRtcpAreMedia() {
    for (PacketKind kind : PacketKind.values()) {
      assertEquals(kind == PacketKind.RTP || kind == PacketKind.RTCP, kind.isMedia());
    }
    assertTrue(PacketKind.RTCP.isMedia());
    assertFalse(PacketKind.DTLS.isMedia());
  }
}
