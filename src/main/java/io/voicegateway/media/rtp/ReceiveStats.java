package io.voicegateway.media.rtp;

/**
 * Reception statistics of one leg's remote RTP source, as RFC 3550 Appendix A.1, A.3 and A.8 define them:
 * extended highest sequence number, expected, cumulative and interval (fraction) loss, interarrival jitter.
 * The one set of these figures: RTCP report blocks, the API's leg stats and the {@code vg_media_rtp_*} metrics
 * all read this object, so they cannot disagree.
 *
 * <p>Threads: one writer (the leg socket's event loop, through {@code LegMedia.onRtp}), which also takes the
 * fraction lost when it writes an RTCP report. The figures other threads read are volatile single-writer
 * fields: each is exact, a set of them read together may straddle one packet.
 */
public final class ReceiveStats {
  /** RFC 3550 A.1: a forward jump larger than this is not a loss but a restart, once confirmed. */
  public static final int MAX_DROPOUT = 3000;
  /** RFC 3550 A.1: a packet this far behind the highest is taken as a restart, once confirmed. */
  public static final int MAX_MISORDER = 100;
  private static final int SEQ_MOD = 1 << 16;
  private static final int DEFAULT_CLOCK = 8000;

  private final InterarrivalJitter jitter = new InterarrivalJitter(DEFAULT_CLOCK);
  private int maxSeq;
  private long cycles;
  /** The sequence number that would confirm a jump (A.1's bad_seq); SEQ_MOD + 1 when none is pending. */
  private int badSeq = SEQ_MOD + 1;
  private long expectedPrior;
  private long receivedPrior;

  private volatile boolean started;
  private volatile long ssrc;
  private volatile long baseSeq;
  private volatile long extendedMax;
  private volatile long received;
  private volatile double jitterUnits;
  private volatile int clockRate = DEFAULT_CLOCK;
  private volatile int restarts;

  /**
   * Counts one packet of the leg's remote source. A new SSRC restarts the statistics (a new source); a jump
   * in sequence numbers beyond {@link #MAX_DROPOUT} ahead or {@link #MAX_MISORDER} behind counts only when
   * the next packet follows it (then the sender restarted), so one stray packet neither restarts nor counts.
   *
   * @param arrivalNanos a monotonic arrival time
   * @param clockRate    the RTP timestamp rate of the negotiated payload
   * @return false for a packet held back as a possible restart (not counted)
   */
  public boolean onPacket(long packetSsrc, int seq, long rtpTimestamp, long arrivalNanos, int clockRate) {
    seq &= 0xffff;
    if (!started || packetSsrc != ssrc) {
      ssrc = packetSsrc;
      restart(seq);
      jitter.reset(0);
      started = true;
    } else {
      int delta = (seq - maxSeq) & 0xffff;
      if (delta < MAX_DROPOUT) {
        if (seq < maxSeq) {
          cycles += SEQ_MOD;
        }
        maxSeq = seq;
      } else if (delta <= SEQ_MOD - MAX_MISORDER) {
        if (seq != badSeq) {
          badSeq = (seq + 1) & 0xffff;
          return false;
        }
        restart(seq); // two packets in sequence after the jump: the sender restarted without telling us
      } // else a duplicate or a reordered packet: counted as received, not as the highest
    }
    received++;
    extendedMax = cycles + maxSeq;
    jitter.clockRate(clockRate);
    this.clockRate = jitter.clockRate();
    jitter.update(arrivalNanos, rtpTimestamp);
    jitterUnits = jitter.units();
    return true;
  }

  private void restart(int seq) {
    restarts++;
    baseSeq = seq;
    maxSeq = seq;
    badSeq = SEQ_MOD + 1;
    cycles = 0;
    received = 0;
    expectedPrior = 0;
    receivedPrior = 0;
    extendedMax = seq;
  }

  /**
   * How many times the count started over (the first packet, a new SSRC, a confirmed sequence restart): a reader
   * that keeps running totals across the leg's life takes the figures since its last read as new when it changed.
   */
  public int restarts() {
    return restarts;
  }

  public boolean started() {
    return started;
  }

  public long ssrc() {
    return ssrc;
  }

  public long extendedHighestSeq() {
    return extendedMax;
  }

  /** Packets received, duplicates included (RFC 3550 A.3). */
  public long received() {
    return received;
  }

  public long expected() {
    return started ? extendedMax - baseSeq + 1 : 0;
  }

  /** Packets expected but not received; negative when duplicates arrived (RFC 3550 allows it). */
  public long cumulativeLost() {
    return expected() - received;
  }

  /** Interarrival jitter in RTP timestamp units, truncated as an RTCP report block carries it. */
  public long jitterUnits() {
    return (long) jitterUnits;
  }

  /** Interarrival jitter in milliseconds. */
  public double jitterMs() {
    return jitterUnits * 1000.0 / clockRate;
  }

  /**
   * The 8-bit fraction lost since the previous call (RFC 3550 A.3), and starts the next interval. Writer
   * thread only, once per report.
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
