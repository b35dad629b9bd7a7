package io.voicegateway.media.rtp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for what a media socket reads from the network: RTP headers and RTCP compound packets. Each input
 * sits alone in an array of exactly its size, so a read past the datagram is an exception, not a silent look at
 * the buffer's stale bytes. The contract: a boolean answer, never an exception; an accepted RTP packet's payload
 * lies inside the datagram. `mvn test` replays RtpFuzzTestInputs/; bench/fuzz/fuzz.sh fuzzes.
 */
class RtpFuzzTest {

  private final RtpPacket packet = new RtpPacket();
  private final RtcpReports.Report report = new RtcpReports.Report();

  @FuzzTest
  void rtp(byte[] datagram) {
    if (packet.parse(datagram, 0, datagram.length)) {
      int start = packet.payloadOffset();
      int end = start + packet.payloadLength();
      assertTrue(start >= RtpPacket.HEADER_LENGTH && start <= end && end <= datagram.length,
          () -> "payload [" + start + ", " + end + ") outside a " + datagram.length + "-byte datagram");
    }
  }

  @FuzzTest
  void rtcp(byte[] datagram) {
    boolean parsed = RtcpReports.parse(datagram, 0, datagram.length, 0x11223344L, report);
    assertTrue(!parsed || datagram.length >= 8, () -> "accepted a " + datagram.length + "-byte RTCP packet");
  }
}
