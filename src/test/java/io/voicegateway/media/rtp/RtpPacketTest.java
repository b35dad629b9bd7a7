package io.voicegateway.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtpPacketTest {
  private final RtpPacket packet = new RtpPacket();

  @Test
  void roundTripsHeaderAtMaximumValues() {
    byte[] buf = new byte[12 + 160];
    int off = RtpPacket.writeHeader(buf, 0, true, 0, 65535, 0xFFFFFFFFL, 0xDEADBEEFL);
    Arrays.fill(buf, off, buf.length, (byte) 0x55);

    assertTrue(packet.parse(buf, 0, buf.length));
    assertEquals(65535, packet.sequenceNumber());
    assertEquals(0xFFFFFFFFL, packet.timestamp());
    assertEquals(0xDEADBEEFL, packet.ssrc());
    assertTrue(packet.marker());
    assertEquals(0, packet.payloadType());
    assertEquals(12, packet.payloadOffset());
    assertEquals(160, packet.payloadLength());
  }

  @Test
  void sequenceAndTimestampWrapAround() {
    byte[] buf = new byte[20];
    RtpPacket.writeHeader(buf, 0, false, 8, 65535 + 1, 0xFFFFFFFFL + 160, 1);
    assertTrue(packet.parse(buf, 0, buf.length));
    assertEquals(0, packet.sequenceNumber());
    assertEquals(159, packet.timestamp());
    assertEquals(8, packet.payloadType());
  }

  @Test
  void skipsCsrcListAndHeaderExtension() {
    // V=2 X=1 CC=2, PT 96, then 2 CSRCs, then an extension of 1 word, then 3 payload bytes.
    byte[] buf = {
        (byte) 0x92, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3,
        0, 0, 0, 10, 0, 0, 0, 11,
        (byte) 0xBE, (byte) 0xDE, 0, 1, 1, 2, 3, 4,
        7, 8, 9};
    assertTrue(packet.parse(buf, 0, buf.length));
    assertEquals(2, packet.csrcCount());
    assertTrue(packet.extension());
    assertEquals(28, packet.payloadOffset());
    assertEquals(3, packet.payloadLength());
    assertArrayEquals(new byte[] {7, 8, 9}, Arrays.copyOfRange(buf, 28, 31));
  }

  @Test
  void stripsPadding() {
    // P=1, 2 payload bytes, then 3 bytes of padding whose last byte is the count.
    byte[] buf = {(byte) 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 5, 6, 0, 0, 3};
    assertTrue(packet.parse(buf, 0, buf.length));
    assertTrue(packet.padding());
    assertEquals(2, packet.payloadLength());
  }

  @Test
  void parsesAtAnOffsetInsideALargerBuffer() {
    byte[] buf = new byte[100];
    RtpPacket.writeHeader(buf, 30, false, 9, 7, 8, 9);
    assertTrue(packet.parse(buf, 30, 12 + 20));
    assertEquals(42, packet.payloadOffset());
    assertEquals(20, packet.payloadLength());
  }

  @Test
  void rejectsInvalidPackets() {
    byte[] ok = new byte[20];
    RtpPacket.writeHeader(ok, 0, false, 0, 1, 1, 1);

    assertFalse(packet.parse(ok, 0, 11), "shorter than a header");
    byte[] v1 = ok.clone();
    v1[0] = 0x40;
    assertFalse(packet.parse(v1, 0, v1.length), "version 1");
    byte[] csrcPastEnd = ok.clone();
    csrcPastEnd[0] = (byte) 0x8F; // 15 CSRCs need 60 bytes
    assertFalse(packet.parse(csrcPastEnd, 0, csrcPastEnd.length), "CSRC list past the end");
    byte[] extPastEnd = ok.clone();
    extPastEnd[0] = (byte) 0x90;
    extPastEnd[14] = 0;
    extPastEnd[15] = 9; // 9 words of extension, only 4 bytes follow
    assertFalse(packet.parse(extPastEnd, 0, extPastEnd.length), "extension past the end");
    byte[] padZero = ok.clone();
    padZero[0] = (byte) 0xA0;
    padZero[19] = 0;
    assertFalse(packet.parse(padZero, 0, padZero.length), "padding count 0");
    byte[] padTooLong = ok.clone();
    padTooLong[0] = (byte) 0xA0;
    padTooLong[19] = 30;
    assertFalse(packet.parse(padTooLong, 0, padTooLong.length), "padding longer than the payload");
    byte[] rtcp = {(byte) 0x80, (byte) 200, 0, 6, 0, 0, 0, 1, 0, 0, 0, 0};
    assertFalse(packet.parse(rtcp, 0, rtcp.length), "an RTCP sender report");
  }
}
