package io.voicegateway.stream;

import io.vertx.core.Context;
import io.voicegateway.config.StreamingConfig;
import io.voicegateway.media.FeedFrame;

/**
 * A cleaned stream's inbound track between the arrival feed and the session: each message (PCM16 at the stream's
 * rate) goes through a {@link CleaningLane} (noise suppression, normalisation on the {@code vg-speech} pool), comes
 * back on the session's event loop in order, and is encoded to the stream's payload there. A frame the lane cannot
 * take (the pool is 320 ms behind) is dropped and counted with the frames dropped toward the consumer. Buffers are
 * the lane's and this class's own, reused for every frame.
 */
final class InboundCleaning {
  /** The session's sender: one frame of the stream's payload, captured at {@code capturedMs}. */
  interface Sender {
    void send(long capturedMs, byte[] payload, int length);
  }

  private final StreamingConfig.Stream config;
  private final Context context;
  private final StreamMetrics metrics;
  private final Sender next;
  private CleaningLane lane;
  private PayloadCodec codec;
  private short[] samples = new short[0];

  InboundCleaning(StreamingConfig.Stream config, Context context, StreamMetrics metrics, Sender next) {
    this.config = config;
    this.context = context;
    this.metrics = metrics;
    this.next = next;
  }

  /** Whether the stream asked for cleaning: then its inbound track must arrive as PCM16, not as μ-law. */
  boolean enabled() {
    return config.cleaning().enabled();
  }

  /** One arrival-feed message, PCM16 little-endian after its {@link FeedFrame} header (event loop). */
  void accept(byte[] message) {
    int rate = FeedFrame.sampleRate(message);
    int n = (message.length - FeedFrame.HEADER) / 2;
    if (samples.length < n) {
      samples = new short[n];
    }
    for (int i = 0; i < n; i++) {
      int at = FeedFrame.HEADER + 2 * i;
      samples[i] = (short) ((message[at] & 0xff) | (message[at + 1] << 8));
    }
    if (codec == null || codec.feedRate() != rate) {
      close();
      codec = new PayloadCodec(config.encoding(), rate);
      lane = CleaningLane.forStream(config.cleaning(), rate, context, metrics, this::cleaned);
    }
    if (!lane.offer(samples, n, FeedFrame.timestampMs(message))) {
      metrics.framesDropped(1);
    }
  }

  private void cleaned(short[] pcm, int n, long capturedMs) {
    int length = codec.encode(pcm, n);
    next.send(capturedMs, codec.payload(), length);
  }

  /** The stream ended: frames still on the lane are not sent; the cleaner's native state is freed on the pool. */
  void close() {
    if (lane != null) {
      lane.close();
      lane = null;
    }
  }
}
