package io.voicegateway.media.rtp;

/**
 * RFC 3550 §6.4.1 / A.8 interarrival jitter: the mean deviation of the difference D between the spacing of
 * arrivals and the spacing of RTP timestamps of consecutive packets, smoothed with gain 1/16. Kept in RTP
 * timestamp units as a double (the RFC's integer version exists only to avoid floating point on 1996
 * hardware). The one implementation of the formula: {@link ReceiveStats} reports it, the jitter buffer steers
 * its depth on its own instance (seeded, and not differenced across a talkspurt's pause). One thread.
 */
public final class InterarrivalJitter {
  private int clockRate;
  private boolean havePrevious;
  private long previousArrivalNanos;
  private long previousTimestamp;
  private double jitter;

  public InterarrivalJitter(int clockRate) {
    if (clockRate <= 0) {
      throw new IllegalArgumentException("bad RTP clock rate " + clockRate);
    }
    this.clockRate = clockRate;
  }

  /**
   * One packet: its monotonic arrival time and its RTP timestamp (32-bit or extended: only the difference to
   * the previous one counts, taken modulo 2^32 so a timestamp wrap is no jump).
   */
  public void update(long arrivalNanos, long rtpTimestamp) {
    if (havePrevious) {
      double arrivalUnits = (arrivalNanos - previousArrivalNanos) * 1e-9 * clockRate;
      double d = Math.abs(arrivalUnits - (int) (rtpTimestamp - previousTimestamp));
      jitter += (d - jitter) / 16.0;
    }
    previousArrivalNanos = arrivalNanos;
    previousTimestamp = rtpTimestamp;
    havePrevious = true;
  }

  /** The stream's timestamp rate changed (a new codec): the estimate carries over in time, not in units. */
  public void clockRate(int rate) {
    if (rate != clockRate && rate > 0) {
      jitter = jitter * rate / clockRate;
      clockRate = rate;
      havePrevious = false;
    }
  }

  /** Keeps the estimate but does not difference the next packet against the previous one. */
  public void restart() {
    havePrevious = false;
  }

  /** Forgets the stream and starts the estimate from {@code seedMs}. */
  public void reset(double seedMs) {
    havePrevious = false;
    jitter = seedMs * clockRate / 1000.0;
  }

  /** The estimate in RTP timestamp units (what an RTCP report block carries, truncated). */
  public double units() {
    return jitter;
  }

  public double ms() {
    return jitter * 1000.0 / clockRate;
  }

  public int clockRate() {
    return clockRate;
  }
}
