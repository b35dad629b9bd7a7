package io.voicegateway.media;

import io.voicegateway.media.resample.Resampler;

/**
 * One leg's part of an {@link AudioFeed}: turns each 16 kHz tap frame into a feed message in a buffer made
 * once, resampling first when the output rate is not 16 kHz. Runs on the mixer thread only; allocates
 * nothing per frame (the sink copies the message it publishes).
 */
final class LegFeed implements AudioTap {
  private final AudioFeed feed;
  private final byte[] frame;
  private final Resampler resampler; // null at 16 kHz
  private final float[] in;
  private final float[] out;
  private final short[] pcm;
  private int sequence;

  LegFeed(AudioFeed feed, String legId) {
    this.feed = feed;
    int rate = feed.sampleRate();
    this.resampler = rate == SAMPLE_RATE ? null : new Resampler(SAMPLE_RATE, rate);
    int maxSamples = resampler == null ? FRAME : resampler.maxOutput(FRAME);
    this.in = resampler == null ? null : new float[FRAME];
    this.out = resampler == null ? null : new float[maxSamples];
    this.pcm = resampler == null ? null : new short[maxSamples];
    this.frame = new byte[FeedFrame.HEADER + 2 * maxSamples];
    FeedFrame.writeFixed(frame, rate, feed.callId(), legId);
  }

  @Override
  public void onAudio(String legId, short[] pcm16k, int samples) {
    if (feed.stopped()) {
      return;
    }
    short[] source = pcm16k;
    int n = samples;
    if (resampler != null) {
      Pcm.toFloat(pcm16k, 0, in, 0, samples);
      n = resampler.process(in, samples, out);
      Pcm.toShort(out, 0, pcm, 0, n);
      source = pcm;
    }
    int length = FeedFrame.write(frame, sequence++, feed.now(), source, n);
    feed.sink().publish(frame, length);
  }
}
