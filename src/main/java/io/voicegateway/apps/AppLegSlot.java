package io.voicegateway.apps;

import io.voicegateway.media.MixerLeg;

/**
 * A call's one app leg in the mixer, into which the running app's own leg is plugged. Handing the call from one
 * app to the next (IVR → voicemail) swaps what is plugged in, without taking a leg out of the mix: the mixer
 * thread reads the volatile field once per call, the apps verticle writes it.
 */
final class AppLegSlot implements MixerLeg {
  private volatile MixerLeg current;

  /** Plugs {@code leg} in; null for silence. */
  void play(MixerLeg leg) {
    current = leg;
  }

  /** The plugged-in leg's rate (0, any, while the slot is empty). */
  @Override
  public int mixRate() {
    MixerLeg leg = current;
    return leg == null ? 0 : leg.mixRate();
  }

  @Override
  public float[] pull() {
    MixerLeg leg = current;
    return leg == null ? null : leg.pull();
  }

  @Override
  public void push(float[] mix) {
    MixerLeg leg = current;
    if (leg != null) {
      leg.push(mix);
    }
  }

  @Override
  public boolean listening() {
    MixerLeg leg = current;
    return leg != null && leg.listening();
  }

  @Override
  public String toString() {
    return "AppLegSlot(" + current + ")";
  }
}
