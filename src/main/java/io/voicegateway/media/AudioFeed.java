package io.voicegateway.media;

import java.util.function.LongSupplier;

/**
 * One call's audio feed: each leg's incoming audio at the output rate, one {@link FeedFrame} message per
 * 20 ms through a {@link FeedSink}. The media engine hands every leg of the call a tap from
 * {@link #tapFor}; after {@link #stop} no tap publishes again.
 */
public final class AudioFeed {
  private final String callId;
  private final int sampleRate;
  private final FeedSink sink;
  private final LongSupplier epochMillis;
  private volatile boolean stopped;

  /**
   * @param sampleRate  8000, 16000 or 48000 ({@code media.output_sample_rate})
   * @param epochMillis the wall clock that stamps frames
   */
  public AudioFeed(String callId, int sampleRate, FeedSink sink, LongSupplier epochMillis) {
    if (sampleRate != 8000 && sampleRate != 16000 && sampleRate != 48000) {
      throw new IllegalArgumentException("feed rate " + sampleRate + " is not 8000, 16000 or 48000");
    }
    this.callId = callId;
    this.sampleRate = sampleRate;
    this.sink = sink;
    this.epochMillis = epochMillis;
  }

  public String callId() {
    return callId;
  }

  public int sampleRate() {
    return sampleRate;
  }

  /** A tap for one leg, with its own buffers and sequence. */
  public AudioTap tapFor(String legId) {
    return new LegFeed(this, legId);
  }

  /** A tap of the mix one leg hears (a consumer's outbound track), with its own buffers and sequence. */
  public HeardTap heardTapFor(String legId) {
    return new LegHeardFeed(this, legId);
  }

  /**
   * A tap of one leg's packets as they arrive (a consumer's low-latency inbound track), with its own decoder and
   * buffers; {@code mulaw}: μ-law bodies at 8 kHz (the feed's rate must be 8000), else PCM16.
   */
  public ArrivalTap arrivalTapFor(String legId, boolean mulaw) {
    return new ArrivalTap(this, legId, mulaw);
  }

  public void stop() {
    stopped = true;
  }

  boolean stopped() {
    return stopped;
  }

  FeedSink sink() {
    return sink;
  }

  long now() {
    return epochMillis.getAsLong();
  }
}
