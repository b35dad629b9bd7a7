package io.voicegateway.apps;

import io.voicegateway.media.MixerLeg;

/**
 * Plays the caller's own voice back: whatever the mixer gives this leg (everyone else, i.e. the caller)
 * becomes its contribution on the next tick, one 20 ms frame later. Lets {@code sip:echo@host} exercise the
 * whole decode → mix → encode path. It takes any rate ({@link #mixRate} 0), so the call's bus runs at the
 * caller's codec rate and nothing is resampled. Two buffers swap roles each frame, so nothing is copied twice
 * and nothing is allocated (a frame of another length, after the bus rate changed, re-makes them once).
 */
public final class EchoLeg implements MixerLeg {
  private float[] playing = new float[FRAME];
  private float[] recorded = new float[FRAME];
  private boolean haveRecorded;

  @Override
  public int mixRate() {
    return 0;
  }

  @Override
  public float[] pull() {
    if (!haveRecorded) {
      return null;
    }
    float[] t = playing;
    playing = recorded;
    recorded = t;
    haveRecorded = false;
    return playing;
  }

  @Override
  public void push(float[] mix) {
    if (recorded.length != mix.length) { // the bus changed rate: frames are now this long
      recorded = new float[mix.length];
      playing = new float[mix.length];
    }
    System.arraycopy(mix, 0, recorded, 0, mix.length);
    haveRecorded = true;
  }

  @Override
  public boolean listening() {
    return true;
  }

  @Override
  public String toString() {
    return "EchoLeg";
  }
}
