package io.voicegateway.media.jitter;

import io.voicegateway.media.codec.AudioDecoder;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One leg's receive path: adaptive jitter buffer, re-framing to 20 ms and packet-loss concealment.
 *
 * <p>Threads: exactly one producer (the RTP socket's event loop) calls {@link #offer}; exactly one consumer
 * (the mixer's media worker) calls {@link #readFrame}. {@link #stats()} and {@link #reset()} may be called from
 * any thread. The hand-off between them is a lock-free single-producer single-consumer ring of reused
 * packets rather than a lock: the event loop must never wait on a mixer tick (nor the mixer on a burst of
 * packets), and with the ring every piece of jitter-buffer state is touched by the mixer thread alone, so the
 * buffer logic itself needs no synchronisation. The cost is one payload copy more than a locked design.
 *
 * <p>Playout: packets are ordered by sequence number (16-bit wrap) and played out by RTP timestamp (32-bit
 * wrap); whatever the sender's ptime, decoded audio goes into a small PCM FIFO that {@link #readFrame} drains
 * 20 ms at a time. A gap in timestamps at playout time is concealed: the codec's own PLC when it has one
 * (Opus, with in-band FEC from the next packet when that is already here), otherwise {@link WaveformPlc}
 * (ITU-T G.711 Appendix I).
 */
public final class AudioReceiver {
  /** RFC 3389 comfort noise. */
  public static final int PT_COMFORT_NOISE = 13;

  private final int frameSamples;
  private final ReceiverStats stats = new ReceiverStats();
  private final PacketHandoff handoff;
  private final SequenceTracker tracker = new SequenceTracker();
  private final Playout playout;
  /** Bumped by {@link #reset()}; packets are stamped with it so the consumer knows which side of a reset they are. */
  private final AtomicInteger generation = new AtomicInteger();
  private int appliedGeneration;

  /**
   * @param decoder      this leg's decoder, used only on the consumer thread
   * @param rtpClockRate the RTP timestamp rate of the payload type (8000 for G.722 although it decodes to 16 kHz)
   * @param settings     depth and concealment settings
   */
  public AudioReceiver(AudioDecoder decoder, int rtpClockRate, JitterSettings settings) {
    if (rtpClockRate <= 0 || decoder.sampleRate() % 50 != 0) {
      throw new IllegalArgumentException("bad clock rate " + rtpClockRate + " or sample rate " + decoder.sampleRate());
    }
    this.frameSamples = decoder.sampleRate() / 50;
    // The hand-off only has to absorb what arrives between two ticks, plus a burst after a network stall.
    this.handoff = new PacketHandoff(Integer.highestOneBit(Math.max(32, settings.maxMs() / 10) * 2 - 1));
    this.playout = new Playout(decoder, rtpClockRate, settings, stats);
  }

  /**
   * Producer thread (RTP socket). Copies the payload into a reused packet and returns; never waits for
   * the consumer, and allocates nothing in steady state. Payload type 13 is comfort noise (RFC 3389); any other
   * payload type is handed to the decoder (route RFC 4733 telephone-events elsewhere). Bad input (an empty or
   * oversized payload) and packets that find the hand-off full are counted in {@link ReceiverStats#dropped()}.
   *
   * @param arrivalNanos a monotonic arrival time ({@code System.nanoTime()}, or a test clock)
   */
  public void offer(int seq, long timestamp, long ssrc, int payloadType, byte[] buf, int off, int len,
      long arrivalNanos) {
    boolean ok = len > 0 || payloadType == PT_COMFORT_NOISE;
    if (!ok || !handoff.offer(seq & 0xFFFF, timestamp & 0xFFFFFFFFL, ssrc & 0xFFFFFFFFL, payloadType, buf, off, len,
        arrivalNanos, generation.get())) {
      stats.rejected++; // the only counter the producer writes
    }
  }

  /**
   * Consumer thread (mixer). Fills exactly {@code decoder.sampleRate() / 50} samples of the next 20 ms into
   * {@code out} (from index 0) and says what they are.
   */
  public FrameKind readFrame(short[] out) {
    if (out.length < frameSamples) {
      throw new IllegalArgumentException("frame buffer holds " + out.length + " samples, needs " + frameSamples);
    }
    int g = generation.get();
    if (g != appliedGeneration) {
      applyReset(g);
    }
    for (Packet p = handoff.peek(); p != null; p = handoff.peek()) {
      if (p.generation - appliedGeneration > 0) {
        applyReset(p.generation);
      }
      if (p.generation == appliedGeneration) {
        admit(p);
      }
      handoff.release();
    }
    return playout.readFrame(out);
  }

  private void admit(Packet p) {
    SequenceTracker.Verdict verdict = tracker.classify(p);
    if (tracker.takeDiscardedProbe()) {
      stats.dropped++; // a lone packet far off the sequence: bad input
    }
    switch (verdict) {
      case ACCEPT -> playout.accept(p);
      case NEW_STREAM -> {
        newStream(p);
        playout.accept(p);
      }
      case CONFIRMED_JUMP -> {
        newStream(tracker.probe());
        playout.accept(tracker.probe());
        if (tracker.classify(p) == SequenceTracker.Verdict.ACCEPT) {
          playout.accept(p);
        }
      }
      case PROBATION -> { } // held until the next packet confirms or refutes the jump
    }
  }

  private void newStream(Packet first) {
    stats.resets++;
    tracker.start(first);
    playout.resetStream();
  }

  private void applyReset(int g) {
    appliedGeneration = g;
    stats.resets++;
    tracker.reset();
    if (tracker.takeDiscardedProbe()) {
      stats.dropped++;
    }
    playout.resetAll();
  }

  /** The live counters of this receiver (the same object every call). */
  public ReceiverStats stats() {
    return stats;
  }

  /**
   * Forgets the stream (e.g. after a codec change): buffered packets, depth, concealment and decoder state.
   * Takes effect at the consumer's next {@link #readFrame}; packets offered after this call are kept. Audio that
   * was already playing fades out through concealment rather than stopping with a click.
   */
  public void reset() {
    generation.incrementAndGet();
  }
}
