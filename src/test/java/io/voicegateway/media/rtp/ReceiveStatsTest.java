package io.voicegateway.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 3550 A.1 (sequence extension and validation), A.3 (loss) and A.8 (jitter), in one leg's statistics. */
class ReceiveStatsTest {
  private static final long SSRC = 0xCAFEL;
  /** One RTP timestamp unit at 8 kHz, in nanoseconds. */
  private static final long UNIT = 125_000;

  /** A packet of a 20 ms 8 kHz stream: timestamp 160 per sequence step, arriving {@code lateUnits} late. */
  private static boolean packet(ReceiveStats stats, int seq, long index, long lateUnits) {
    return stats.onPacket(SSRC, seq, 1000 + 160 * index, (50_000 + 160 * index + lateUnits) * UNIT, 8000);
  }

  /** 100 packets across the sequence wrap, every 10th lost, arriving with a constant delay. */
  static ReceiveStats tenPercentLossAcrossTheWrap() {
    ReceiveStats stats = new ReceiveStats();
    for (int i = 0; i < 100; i++) {
      if (i % 10 != 5) {
        packet(stats, (65500 + i) & 0xffff, i, 0);
      }
    }
    return stats;
  }

  @Test
  void extendsTheSequenceAcrossTheWrapAndCountsLoss() {
    ReceiveStats stats = tenPercentLossAcrossTheWrap();
    assertEquals(65536 + (65500 + 99 - 65536), stats.extendedHighestSeq());
    assertEquals(100, stats.expected());
    assertEquals(90, stats.received());
    assertEquals(10, stats.cumulativeLost());
    assertEquals(0, stats.jitterUnits(), "constant delay means no jitter");
    assertEquals(25, stats.takeFractionLost(), "10% of 256");
    assertEquals(0, stats.takeFractionLost(), "nothing new since the last report");
  }

  @Test
  void fractionLostCoversOnlyTheIntervalSinceTheLastReport() {
    ReceiveStats stats = new ReceiveStats();
    for (int i = 0; i < 100; i++) {
      packet(stats, i, i, 0);
    }
    assertEquals(0, stats.takeFractionLost());
    for (int i = 100; i < 200; i++) {
      if (i % 4 != 0) {
        packet(stats, i, i, 0);
      }
    }
    assertEquals(64, stats.takeFractionLost(), "a quarter of this interval's 100");
    assertEquals(25, stats.cumulativeLost());
  }

  @Test
  void aReorderedPacketCountsOnceAndDoesNotMoveTheHighest() {
    ReceiveStats stats = new ReceiveStats();
    int[] order = {65534, 65535, 1, 0, 2};
    for (int seq : order) {
      assertTrue(packet(stats, seq, (seq + 2) & 0xffff, 0));
    }
    assertEquals(65536 + 2, stats.extendedHighestSeq(), "one wrap, counted once although 65535→1→0");
    assertEquals(5, stats.expected());
    assertEquals(5, stats.received());
    assertEquals(0, stats.cumulativeLost());
  }

  @Test
  void duplicatesMakeTheLossNegativeAsTheRfcAllows() {
    ReceiveStats stats = new ReceiveStats();
    int[] order = {10, 11, 11, 12, 12};
    for (int seq : order) {
      packet(stats, seq, seq, 0);
    }
    assertEquals(3, stats.expected());
    assertEquals(5, stats.received());
    assertEquals(-2, stats.cumulativeLost());
    assertEquals(0, stats.takeFractionLost(), "a negative interval loss reports as 0");
  }

  @Test
  void aStrayPacketFarOffTheSequenceIsNeitherCountedNorARestart() {
    ReceiveStats stats = new ReceiveStats();
    for (int i = 0; i < 10; i++) {
      packet(stats, i, i, 0);
    }
    assertFalse(packet(stats, 20_000, 10, 0), "more than MAX_DROPOUT ahead: held back");
    assertFalse(packet(stats, 40_000, 10, 0), "more than MAX_MISORDER behind (mod 2^16): held back");
    assertTrue(packet(stats, 10, 10, 0));
    assertEquals(10, stats.extendedHighestSeq());
    assertEquals(11, stats.received());
    assertEquals(0, stats.cumulativeLost());
  }

  @Test
  void twoPacketsInSequenceAfterAJumpRestartTheCount() {
    ReceiveStats stats = new ReceiveStats();
    for (int i = 0; i < 10; i++) {
      packet(stats, i, i, 0);
    }
    assertFalse(packet(stats, 30_000, 10, 0));
    assertTrue(packet(stats, 30_001, 11, 0), "the sender restarted its sequence");
    assertTrue(packet(stats, 30_002, 12, 0));
    assertEquals(30_002, stats.extendedHighestSeq());
    assertEquals(2, stats.expected(), "counted from the confirming packet, as RFC 3550 A.1 does");
    assertEquals(2, stats.received());
  }

  @Test
  void aNewSsrcIsANewSource() {
    ReceiveStats stats = tenPercentLossAcrossTheWrap();
    assertTrue(stats.onPacket(0xBEEFL, 7, 0, 0, 8000));
    assertEquals(0xBEEFL, stats.ssrc());
    assertEquals(1, stats.expected());
    assertEquals(0, stats.cumulativeLost());
    assertEquals(7, stats.extendedHighestSeq());
    assertEquals(2, stats.restarts(), "the first packet, then the new source");
  }

  @Test
  void jitterFollowsRfc3550A8() {
    ReceiveStats stats = new ReceiveStats();
    packet(stats, 0, 0, 0);
    packet(stats, 1, 1, 32); // D = 32 units: J = 32/16 = 2
    assertEquals(2.0, stats.jitterMs() * 8, 1e-9);
    packet(stats, 2, 2, 0); // D = 32 again: J = 2 + (32 - 2)/16 = 3.875
    assertEquals(3.875, stats.jitterMs() * 8, 1e-9);
    assertEquals(3, stats.jitterUnits(), "truncated as a report block carries it");
  }

  @Test
  void jitterConvergesOnTheMeanDeviationOfTransit() {
    ReceiveStats stats = new ReceiveStats();
    for (int i = 0; i < 500; i++) {
      packet(stats, i, i, i % 2 == 0 ? 0 : 80); // alternately on time and 10 ms late
    }
    assertEquals(80, stats.jitterUnits(), 2);
    assertEquals(10.0, stats.jitterMs(), 0.3);
  }

  @Test
  void aTimestampWrapIsNoJitter() {
    ReceiveStats stats = new ReceiveStats();
    for (int i = 0; i < 20; i++) {
      long ts = (0xFFFFFF00L + 160L * i) & 0xFFFFFFFFL;
      stats.onPacket(SSRC, i, ts, i * 160 * UNIT, 8000);
    }
    assertEquals(0, stats.jitterUnits());
  }

  @Test
  void aCodecChangeKeepsTheJitterInMilliseconds() {
    ReceiveStats stats = new ReceiveStats();
    for (int i = 0; i < 500; i++) {
      packet(stats, i, i, i % 2 == 0 ? 0 : 80);
    }
    double before = stats.jitterMs();
    stats.onPacket(SSRC, 500, 0, 10_000_000_000L, 48000);
    assertEquals(before, stats.jitterMs(), 1e-9);
    assertEquals(Math.round(before * 48), stats.jitterUnits(), 1);
  }
}
