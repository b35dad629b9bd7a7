package io.voicegateway.media.playback;

import io.voicegateway.media.MixerLeg;
import io.voicegateway.media.Pcm;
import io.voicegateway.media.resample.Resampler;
import java.util.List;

/**
 * A leg of a call's mix without a socket whose audio a consumer sends (the back channel of a voice-AI stream):
 * PCM16 chunks of any length at 8, 16, 24 or 48 kHz, cut into 20 ms frames and queued; the mixer thread takes one
 * frame per tick and resamples it to 48 kHz, so everyone else in the call hears it. It listens to nothing.
 *
 * <p>Threads: {@link #write}, {@link #mark}, {@link #clear} from one writer thread (the event loop serving this
 * playback); {@link #pull} on the mixer thread. They meet in a lock-free {@link DropOldestRing} and a queue of marks;
 * a clear is seen by the mixer through a counter, so it resets its own resampler. Steady state allocates nothing on
 * either side.
 */
public final class Playback implements MixerLeg {
  /** The rates a consumer may send. */
  public static final List<Integer> RATES = List.of(8000, 16000, 24000, 48000);
  private static final int OUT_RATE = 48000;

  /** Told on the mixer thread when a mark's audio has been played; do not block. */
  @FunctionalInterface
  public interface MarkListener {
    void markPlayed(String name);
  }

  private final String callId;
  private final String playbackId;
  private final int sampleRate;
  private final MarkListener listener;
  private final DropOldestRing ring;
  private final PendingMarks marks = new PendingMarks();
  // Writer side.
  private final PcmFramer framer;
  private final PcmFramer.FrameSink toRing;
  private volatile long clears;
  // Mixer side.
  private final Resampler resampler;
  private final short[] pcm;
  private final float[] in;
  private final float[] out;
  private final PendingMarks.Reached toListener;
  private long clearsSeen;
  private volatile long framesPlayed;
  private volatile boolean closed;

  /**
   * @param sampleRate  one of {@link #RATES}
   * @param maxQueuedMs the most audio queued (rounded up to 20 ms frames) before the oldest is dropped
   */
  public Playback(String callId, String playbackId, int sampleRate, int maxQueuedMs, MarkListener listener) {
    if (!RATES.contains(sampleRate)) {
      throw new IllegalArgumentException("playback rate " + sampleRate + " is not one of " + RATES);
    }
    if (maxQueuedMs < 20) {
      throw new IllegalArgumentException("maxQueuedMs " + maxQueuedMs + " is under one 20 ms frame");
    }
    this.callId = callId;
    this.playbackId = playbackId;
    this.sampleRate = sampleRate;
    this.listener = listener;
    int samples = sampleRate / 50;
    this.ring = new DropOldestRing((maxQueuedMs + 19) / 20, samples);
    this.framer = new PcmFramer(sampleRate);
    this.toRing = ring::offer;
    this.resampler = new Resampler(sampleRate, OUT_RATE);
    this.pcm = new short[samples];
    this.in = new float[samples];
    this.out = new float[resampler.maxOutput(samples)];
    this.toListener = listener::markPlayed;
  }

  public String callId() {
    return callId;
  }

  public String playbackId() {
    return playbackId;
  }

  public int sampleRate() {
    return sampleRate;
  }

  /** Writer: queues {@code length} bytes of PCM16 little-endian mono; a sample may straddle two chunks. */
  public void write(byte[] bytes, int offset, int length) {
    if (!closed) {
      framer.write(bytes, offset, length, toRing);
    }
  }

  /**
   * Writer: sets a mark behind everything written so far (a partial last frame is completed with silence). It is
   * reported from the mixer thread once that audio has played, on the next tick when nothing is queued.
   */
  public void mark(String name) {
    framer.flush(toRing);
    marks.add(name, ring.tail());
  }

  /** Writer: drops all queued audio at once; the mixer plays none of it from its next frame. Returns the pending marks. */
  public List<String> clear() {
    List<String> pending = marks.clear(); // first, so the mixer cannot report them as reached by the clear
    framer.reset();
    ring.clear();
    clears++;
    return pending;
  }

  /** Any thread: stops playing for good (the leg is leaving the mix); pending marks are dropped. */
  public List<String> close() {
    closed = true;
    return clear();
  }

  @Override
  public float[] pull() {
    if (closed) {
      return null;
    }
    long c = clears;
    if (c != clearsSeen) {
      clearsSeen = c;
      resampler.reset(); // no tail of the cleared audio rings on into what comes next
    }
    boolean got = ring.poll(pcm);
    marks.reach(ring.head(), toListener);
    if (!got) {
      return null;
    }
    framesPlayed++;
    Pcm.toFloat(pcm, 0, in, 0, pcm.length);
    resampler.process(in, pcm.length, out);
    return out;
  }

  @Override
  public void push(float[] mix) {
    // a playback hears nothing: its consumer follows the call through the audio feed
  }

  @Override
  public boolean listening() {
    return false;
  }

  public long framesPlayed() {
    return framesPlayed;
  }

  /** Frames dropped because the queue was full (a consumer sending faster than real time beyond maxQueuedMs). */
  public long framesDropped() {
    return ring.dropped();
  }

  /** Frames waiting to be played. */
  public long queuedFrames() {
    return Math.max(0, ring.tail() - ring.head());
  }

  @Override
  public String toString() {
    return "Playback " + playbackId + " " + sampleRate + " Hz -> Mixer";
  }
}
