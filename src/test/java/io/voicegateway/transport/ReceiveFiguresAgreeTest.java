package io.voicegateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.voicegateway.media.LegConfig;
import io.voicegateway.codec.CodecType;
import io.voicegateway.media.LegMedia;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.TestMediaConfig;
import io.voicegateway.media.rtp.ReceiveStats;
import io.voicegateway.media.rtp.RtcpReports;
import io.voicegateway.media.rtp.RtpPacket;
import org.junit.jupiter.api.Test;

/**
 * The issue this guards: RTCP and the API once computed loss and jitter separately and could disagree. Both
 * now read the leg's one {@link ReceiveStats}, fed by {@code LegMedia.onRtp} as the socket does.
 */
class ReceiveFiguresAgreeTest {
  private static final long FRAME_NANOS = 20_000_000L;

  @Test
  void theApiAndTheRtcpReportBlockShowTheSameLossAndJitter() {
    MediaEngine engine = TestMediaConfig.engine(42000, 42009, () -> 0L);
    LegMedia leg = engine.openLeg("c", "l", 42000);
    engine.startLeg("l", LegConfig.of(CodecType.PCMU, 0, 101, 20, true, true), null, 0);
    byte[] wire = new byte[RtpPacket.HEADER_LENGTH + 160];
    RtpPacket packet = new RtpPacket();
    for (int i = 0; i < 500; i++) {
      if (i % 20 == 7) {
        continue; // 5 % loss
      }
      RtpPacket.writeHeader(wire, 0, false, 0, 65000 + i, 160L * i, 0x5EEDL);
      packet.parse(wire, 0, wire.length);
      long late = i % 3 == 0 ? 4_000_000L : 0; // every third packet 4 ms late
      assertTrue(leg.onRtp(packet, i * FRAME_NANOS + late));
    }
    ReceiveStats stats = leg.receiveStats();
    assertEquals(25, stats.cumulativeLost());
    assertTrue(stats.jitterMs() > 1 && stats.jitterMs() < 4, "jitter " + stats.jitterMs());

    JsonObject api = LegStatsReply.json(leg.stats());
    assertEquals(475, api.getLong("packetsReceived"));
    assertEquals(25, api.getLong("packetsLost"));
    assertEquals(stats.jitterMs(), api.getDouble("jitterMs"), 1e-12);

    byte[] rtcp = new byte[256];
    int len = RtcpReports.write(rtcp, 0, 1, 0, null, stats, 0, 0, "l@test");
    RtcpReports.Report report = new RtcpReports.Report();
    assertTrue(RtcpReports.parse(rtcp, 0, len, 0x5EEDL, report));
    assertEquals(25, report.cumulativeLost);
    assertEquals(65000 + 499, report.extendedHighestSeq, "one wrap: 65000 + 499 = 65536 + 63");
    assertEquals(stats.jitterUnits(), report.jitterUnits);
    assertEquals(Math.round(stats.jitterMs() * 8), report.jitterUnits, 1, "8 kHz units");
  }
}
