package io.voicegateway.media;

import io.voicegateway.media.resample.Resampler;

/**
 * One consumer's feed of what a leg hears (a stream's outbound track): each 48 kHz mix the leg is sent becomes
 * a feed message at the feed's rate, in a buffer made once. Mixer thread only; allocates nothing per frame (the
 * sink copies the message it publishes).
 */
final class LegHeardFeed implements HeardTap {
  private final AudioFeed feed;
  private final Resampler resampler;
  private final float[] out;
  private final short[] pcm;
  private final byte[] frame;
  private int sequence;

  LegHeardFeed(AudioFeed feed, String legId) {
    this.feed = feed;
    this.resampler = new Resampler(48000, feed.sampleRate());
    int maxSamples = resampler.maxOutput(MixerLeg.FRAME);
    this.out = new float[maxSamples];
    this.pcm = new short[maxSamples];
    this.frame = new byte[FeedFrame.HEADER + 2 * maxSamples];
    FeedFrame.writeFixed(frame, feed.sampleRate(), feed.callId(), legId);
  }

  @Override
  public void onMix(String legId, float[] mix48k) {
    if (feed.stopped()) {
      return;
    }
    int n = resampler.process(mix48k, MixerLeg.FRAME, out);
    Pcm.toShort(out, 0, pcm, 0, n);
    int length = FeedFrame.write(frame, sequence++, feed.now(), pcm, n);
    feed.sink().publish(frame, length);
  }
}
