package io.voicegateway.rtp;

/**
 * Reception statistics of one RTP source, as RFC 3550 Appendix A.1, A.3 and A.8 define them: extended
 * highest sequence, cumulative and interval loss, and interarrival jitter. Fed on the RTP thread; the
 * figures are read for RTCP reports and the API (approximate when read from another thread).
 */
public final class ReceiveStats {
  private static final int MAX_DROPOUT = 3000;
  private static final int MAX_MISORDER = 100;

  private boolean started;
  private long ssrc;
  private int maxSeq;
  private long cycles;
  private int baseSeq;
  private long received;
  private long expectedPrior;
  private long receivedPrior;
  private long lastTransit;
  private boolean haveTransit;
  private double jitter; // in RTP clock units, RFC 3550 A.8

  /**
   * Counts one packet. {@code arrivalUnits} is the arrival time in the stream's RTP clock units (any
   * origin), for the jitter estimate.
   */
  public void onPacket(long packetSsrc, int seq, long rtpTimestamp, long arrivalUnits) {
    if (!started || packetSsrc != ssrc) {
      started = true;
      ssrc = packetSsrc;
      baseSeq = seq;
      maxSeq = seq;
      cycles = 0;
      received = 0;
      expectedPrior = 0;
      receivedPrior = 0;
      haveTransit = false;
      jitter = 0;
    } else {
      int delta = (seq - maxSeq) & 0xffff;
      if (delta < MAX_DROPOUT) {
        if (seq < maxSeq) {
          cycles += 1 << 16;
        }
        maxSeq = seq;
      } else if (delta <= 65536 - MAX_MISORDER) {
        // A big jump: the sender restarted. Take it as the new base rather than counting a huge loss.
        baseSeq = seq;
        maxSeq = seq;
        cycles = 0;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
      } // else a late duplicate or reordered packet: counted as received only
    }
    received++;
    long transit = arrivalUnits - rtpTimestamp;
    if (haveTransit) {
      long d = Math.abs(transit - lastTransit);
      jitter += (d - jitter) / 16.0;
    }
    lastTransit = transit;
    haveTransit = true;
  }

  public boolean started() {
    return started;
  }

  public long ssrc() {
    return ssrc;
  }

  public long extendedHighestSeq() {
    return cycles + maxSeq;
  }

  public long received() {
    return received;
  }

  public long expected() {
    return started ? extendedHighestSeq() - baseSeq + 1 : 0;
  }

  /** Packets expected but not received; negative when duplicates arrived (RFC 3550 allows it). */
  public long cumulativeLost() {
    return expected() - received;
  }

  /** Interarrival jitter in RTP clock units. */
  public long jitterUnits() {
    return (long) jitter;
  }

  /**
   * The 8-bit fraction lost since the previous call (RFC 3550 A.3), and starts the next interval. Call
   * once per report.
   */
  public int takeFractionLost() {
    long expected = expected();
    long expectedInterval = expected - expectedPrior;
    long receivedInterval = received - receivedPrior;
    expectedPrior = expected;
    receivedPrior = received;
    long lostInterval = expectedInterval - receivedInterval;
    if (expectedInterval == 0 || lostInterval <= 0) {
      return 0;
    }
    return (int) ((lostInterval << 8) / expectedInterval);
  }
}
