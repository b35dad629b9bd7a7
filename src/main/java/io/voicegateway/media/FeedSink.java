package io.voicegateway.media;

/**
 * Where a call's audio feed messages go (the event bus, in the gateway). Called on the mixer thread with a
 * buffer the feed reuses for its next frame: copy the {@code length} bytes, and never block.
 */
@FunctionalInterface
public interface FeedSink {
  void publish(byte[] frame, int length);
}
