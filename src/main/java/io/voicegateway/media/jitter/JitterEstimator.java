package io.voicegateway.media.jitter;

/**
 * RFC 3550 §6.4.1 / A.8 inter-arrival jitter: the mean deviation of the difference in transit time between
 * consecutive packets, smoothed with gain 1/16. Kept in RTP timestamp units as a double (the RFC's integer
 * version exists only to avoid floating point in 1996 hardware).
 */
final class JitterEstimator {
  private final int clockRate;
  private long firstArrivalNanos;
  private boolean haveFirst;
  private boolean havePrevious;
  private double previousTransit;
  private double jitter;

  JitterEstimator(int clockRate) {
    this.clockRate = clockRate;
  }

  /** Forgets the stream and starts the estimate from {@code seedMs}. */
  void reset(double seedMs) {
    haveFirst = false;
    havePrevious = false;
    jitter = seedMs * clockRate / 1000.0;
  }

  /** Keeps the estimate but does not difference the next packet against the one before a pause. */
  void restartTransit() {
    havePrevious = false;
  }

  /** One received packet: its arrival time and its (extended) RTP timestamp. */
  void update(long arrivalNanos, long timestamp) {
    if (!haveFirst) {
      firstArrivalNanos = arrivalNanos;
      haveFirst = true;
    }
    // Arrival in RTP units relative to the first packet keeps the double exact for days.
    double arrival = (arrivalNanos - firstArrivalNanos) * 1e-9 * clockRate;
    double transit = arrival - timestamp;
    if (havePrevious) {
      double d = Math.abs(transit - previousTransit);
      jitter += (d - jitter) / 16.0;
    }
    previousTransit = transit;
    havePrevious = true;
  }

  double jitterMs() {
    return jitter * 1000.0 / clockRate;
  }
}
