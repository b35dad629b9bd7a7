package io.voicegateway.media.jitter;

/**
 * Live playout counters of one {@link AudioReceiver}, readable from any thread: what the jitter buffer did with
 * the packets (late, duplicates, concealment, depth). The RFC 3550 figures that RTCP, the API and the metrics
 * report are the leg's {@link io.voicegateway.media.rtp.ReceiveStats}, counted on arrival; these are counted
 * at playout and reset with the pipeline.
 *
 * <p>Every field has exactly one writing thread, so a volatile field with a plain increment is exact and
 * needs no atomics: the mixer thread writes everything about playout; the socket thread writes only
 * the part of {@link #dropped()} it rejects itself. Counters are cumulative for the life of the leg, across stream resets.
 */
public final class ReceiverStats {
  volatile long received;
  volatile long lost;
  volatile long late;
  volatile long duplicates;
  volatile long dropped;
  /** Written by the producer only. */
  volatile long rejected;
  volatile long concealedFrames;
  volatile long resets;
  volatile double jitterMs;
  volatile double depthMs;
  volatile double targetDepthMs;

  ReceiverStats() {}

  /** Packets that arrived, on time or late (not duplicates, not invalid ones). */
  public long received() {
    return received;
  }

  /**
   * Sequence numbers that never arrived, counted when playout passes them (RFC 3550 sense: a packet that
   * arrives after its time is {@link #late()}, not lost).
   */
  public long lost() {
    return lost;
  }

  /**
   * Packets that arrived after their audio had been concealed, or that an over-full buffer had to drop: counted
   * in {@link #received()}, not played.
   */
  public long late() {
    return late;
  }

  /** Packets whose sequence number was already in the buffer; dropped. */
  public long duplicates() {
    return duplicates;
  }

  /** Packets dropped for bad input: empty or oversized payload, a full hand-off ring, an unconfirmed jump. */
  public long dropped() {
    return dropped + rejected;
  }

  /** 20 ms frames whose kind was {@link FrameKind#CONCEALED}. */
  public long concealedFrames() {
    return concealedFrames;
  }

  /** Times the stream restarted: SSRC change, sequence or timestamp jump, {@link AudioReceiver#reset()}. */
  public long resets() {
    return resets;
  }

  /**
   * The RFC 3550 interarrival jitter the depth is steered on, in milliseconds: seeded from the initial depth at
   * each stream start and not differenced across a talkspurt's pause, so not the figure RTCP reports.
   */
  public double jitterMs() {
    return jitterMs;
  }

  /** Audio buffered ahead of the playout point (smoothed), in milliseconds. */
  public double depthMs() {
    return depthMs;
  }

  /** The depth the buffer is steering toward. */
  public double targetDepthMs() {
    return targetDepthMs;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT,
        "received=%d lost=%d late=%d duplicates=%d dropped=%d concealedFrames=%d resets=%d jitter=%.1fms "
            + "depth=%.1fms target=%.1fms",
        received, lost, late, duplicates, dropped(), concealedFrames, resets, jitterMs, depthMs, targetDepthMs);
  }
}
