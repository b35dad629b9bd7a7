package io.voicegateway.media;

import io.voicegateway.media.resample.Resampler;

/**
 * The mixer's side of one leg in one call: the rate the leg's frames are at, and — only when that differs
 * from the call's bus rate — a resampler each way with its buffers. Made when a leg joins and re-made only
 * when its rate or the bus rate changes, so a frame allocates nothing. Mixer thread only.
 */
final class MixerPort {
  final MixerLeg leg;
  /** What the leg declared at the last frame ({@link MixerLeg#mixRate}; 0 = any). */
  int declared = -1;
  /** The rate frames are exchanged with the leg at: its own, or the bus rate for a leg that takes any. */
  int rate;
  /** Samples in one of the leg's frames. */
  int samples;
  boolean listening;
  /** This frame's audio from the leg at {@link #rate}, or null. */
  float[] frame;
  private int busRate;
  private Resampler toBus; // null when rate == bus rate
  private Resampler fromBus;
  private float[] atBus;
  private boolean atBusMade;
  private float[] scratch;
  /**
   * Exactly one frame long: what this leg hears when the mix must be copied or resampled; made on first such
   * frame (issue 13: two legs at one rate exchange their frames themselves and never need it).
   */
  private float[] heard;
  private float[] silence;

  MixerPort(MixerLeg leg) {
    this.leg = leg;
  }

  /** Sets the rates for a bus at {@code bus} Hz; keeps the resamplers (and their history) when nothing changed. */
  void configure(int bus) {
    int next = declared == 0 ? bus : declared;
    if (next == rate && bus == busRate && silence != null) {
      return;
    }
    rate = next;
    busRate = bus;
    samples = MixerLeg.frameSamples(rate);
    heard = null;
    silence = new float[samples];
    if (rate == bus) {
      toBus = null;
      fromBus = null;
      atBus = null;
      scratch = null;
    } else {
      toBus = new Resampler(rate, bus);
      fromBus = new Resampler(bus, rate);
      atBus = new float[toBus.maxOutput(samples)];
      scratch = new float[fromBus.maxOutput(MixerLeg.frameSamples(bus))];
    }
  }

  /** Takes this frame's audio from the leg (null when it sends none or a frame of the wrong length). */
  void pull() {
    float[] f = leg.pull();
    frame = f == null || f.length < samples ? null : f;
    atBusMade = false;
  }

  /** This frame's audio at the bus rate (resampled once, on first need), or null when the leg is silent. */
  float[] atBus() {
    if (frame == null || toBus == null) {
      return frame;
    }
    if (!atBusMade) {
      toBus.process(frame, samples, atBus);
      atBusMade = true;
    }
    return atBus;
  }

  /**
   * What this leg hears when only {@code talker} talks: the talker's own frame when both share a rate (byte
   * for byte what came in: no float round trip through a resampler, no soft clip), else the talker's audio at
   * the bus rate brought to this leg's rate.
   */
  float[] hearOnly(MixerPort talker) {
    if (talker.rate == rate) {
      return exact(talker.frame);
    }
    return hearBus(talker.atBus());
  }

  /** What this leg hears of a bus-rate mix (exactly one bus frame long). */
  float[] hearBus(float[] mix) {
    if (fromBus == null) {
      return exact(mix);
    }
    fromBus.process(mix, MixerLeg.frameSamples(busRate), scratch);
    System.arraycopy(scratch, 0, heard(), 0, samples);
    return heard;
  }

  /** One frame of silence at the leg's rate (nobody else talks). */
  float[] silence() {
    return silence;
  }

  /** {@code frame} itself when it is exactly one frame long, else its first frame copied. */
  private float[] exact(float[] f) {
    if (f.length == samples) {
      return f;
    }
    System.arraycopy(f, 0, heard(), 0, samples);
    return heard;
  }

  private float[] heard() {
    if (heard == null) {
      heard = new float[samples];
    }
    return heard;
  }

  @Override
  public String toString() {
    return leg + " @" + rate + (toBus == null ? "" : " (resampled to " + busRate + ")");
  }
}
