package io.voicegateway.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtcpReportsTest {

  private static ReceiveStats statsWithTenPercentLoss() {
    return ReceiveStatsTest.tenPercentLossAcrossTheWrap();
  }

  @Test
  void senderReportRoundTrips() {
    ReceiveStats remote = statsWithTenPercentLoss();
    byte[] buf = new byte[256];
    long now = 1_700_000_000_123L;
    int len = RtcpReports.write(buf, 0, 0x1234L, now, new RtcpReports.SenderInfo(4242, 250, 40_000), remote,
        0xAABBCCDDL, 65536, "leg-1@voicegateway");
    assertEquals(0, len % 4);

    RtcpReports.Report report = new RtcpReports.Report();
    assertTrue(RtcpReports.parse(buf, 0, len, 0xCAFEL, report));
    assertTrue(report.fromSender);
    assertEquals(0x1234L, report.senderSsrc);
    assertEquals(RtcpReports.ntpMiddle(RtcpReports.toNtp(now)), report.ntpMiddle);
    assertTrue(report.hasBlock);
    assertEquals(25, report.fractionLost);
    assertEquals(10, report.cumulativeLost);
    assertEquals(65536 + 63, report.extendedHighestSeq);
    assertEquals(0xAABBCCDDL, report.lsr);
    assertEquals(65536, report.dlsr);
  }

  @Test
  void receiverReportWhenNothingWasSent() {
    byte[] buf = new byte[256];
    int len = RtcpReports.write(buf, 0, 7, 0, null, statsWithTenPercentLoss(), 0, 0, "x");
    assertEquals(RtcpReports.RR, buf[1] & 0xff);
    RtcpReports.Report report = new RtcpReports.Report();
    assertTrue(RtcpReports.parse(buf, 0, len, 0xCAFEL, report));
    assertFalse(report.fromSender);
    assertTrue(report.hasBlock);
    assertFalse(RtcpReports.parse(buf, 0, len, 0xBEEFL, report) && report.hasBlock, "block is about another SSRC");
  }

  @Test
  void rejectsMalformedCompoundPackets() {
    byte[] buf = new byte[256];
    int len = RtcpReports.write(buf, 0, 7, 0, null, statsWithTenPercentLoss(), 0, 0, "x");
    RtcpReports.Report report = new RtcpReports.Report();
    assertFalse(RtcpReports.parse(buf, 0, len - 4, 0xCAFEL, report), "truncated");
    byte[] sdesFirst = buf.clone();
    sdesFirst[1] = (byte) RtcpReports.SDES;
    assertFalse(RtcpReports.parse(sdesFirst, 0, len, 0xCAFEL, report), "must start with SR/RR");
    byte[] tooManyBlocks = buf.clone();
    tooManyBlocks[0] = (byte) 0x85;
    assertFalse(RtcpReports.parse(tooManyBlocks, 0, len, 0xCAFEL, report), "block count past the length");
  }
}
