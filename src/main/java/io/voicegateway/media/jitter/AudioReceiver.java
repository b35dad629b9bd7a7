package io.voicegateway.media.jitter;

import io.voicegateway.media.codec.AudioDecoder;

/**
 * One leg's receive path: adaptive jitter buffer, re-framing to 20 ms and packet-loss concealment.
 *
 * <p>Threads: exactly one producer (the RTP socket's event loop) calls {@link #offer}; exactly one consumer
 * (the mixer's media worker) calls {@link #readFrame}. {@link #stats()} and {@link #reset()} may be called from
 * any thread.
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

  private final AudioDecoder decoder;
  private final int rtpClockRate;
  private final JitterSettings settings;
  private final ReceiverStats stats = new ReceiverStats();

  /**
   * @param decoder      this leg's decoder, used only on the consumer thread
   * @param rtpClockRate the RTP timestamp rate of the payload type (8000 for G.722 although it decodes to 16 kHz)
   * @param settings     depth and concealment settings
   */
  public AudioReceiver(AudioDecoder decoder, int rtpClockRate, JitterSettings settings) {
    this.decoder = decoder;
    this.rtpClockRate = rtpClockRate;
    this.settings = settings;
  }

  /**
   * Producer thread (RTP socket). Copies the payload into a pre-allocated slot and returns; never waits for
   * the consumer, and allocates nothing in steady state. Payload type 13 is comfort noise (RFC 3389); any other
   * payload type is handed to the decoder (route RFC 4733 telephone-events elsewhere).
   *
   * @param arrivalNanos a monotonic arrival time ({@code System.nanoTime()}, or a test clock)
   */
  public void offer(int seq, long timestamp, long ssrc, int payloadType, byte[] buf, int off, int len,
      long arrivalNanos) {
  }

  /**
   * Consumer thread (mixer). Fills exactly {@code decoder.sampleRate() / 50} samples of the next 20 ms into
   * {@code out} (from index 0) and says what they are.
   */
  public FrameKind readFrame(short[] out) {
    java.util.Arrays.fill(out, 0, decoder.sampleRate() / 50, (short) 0);
    return FrameKind.SILENCE;
  }

  /** The live counters of this receiver (the same object every call). */
  public ReceiverStats stats() {
    return stats;
  }

  /**
   * Forgets the stream (e.g. after a codec change): buffered packets, depth, concealment and decoder state.
   * Takes effect at the consumer's next {@link #readFrame}; packets offered after this call are kept.
   */
  public void reset() {
  }
}
