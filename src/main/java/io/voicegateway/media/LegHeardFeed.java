package io.voicegateway.media;

import io.voicegateway.media.resample.Resampler;

/**
 * One consumer's feed of what a leg hears (a stream's outbound track): each 20 ms mix the leg is sent (at the leg's rate) becomes
 * a feed message at the feed's rate, in a buffer made once. Mixer thread only; allocates nothing per frame (the
 * sink copies the message it publishes).
 */
final class LegHeardFeed implements HeardTap {
  private final AudioFeed feed;
  private Resampler resampler; // from the leg's rate; re-made only when that changes (a renegotiation)
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
  public void onMix(String legId, float[] mix) {
    if (feed.stopped()) {
      return;
    }
    int rate = mix.length * 50;
    if (resampler.inRate() != rate) {
      resampler = new Resampler(rate, feed.sampleRate());
    }
    int n = resampler.process(mix, mix.length, out);
    Pcm.toShort(out, 0, pcm, 0, n);
    int length = FeedFrame.write(frame, sequence++, feed.now(), pcm, n);
    feed.sink().publish(frame, length);
  }
}
