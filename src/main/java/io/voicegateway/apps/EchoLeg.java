package io.voicegateway.apps;

import io.voicegateway.media.MixerLeg;

/**
 * Plays the caller's own voice back: whatever the mixer gives this leg (everyone else, i.e. the caller)
 * becomes its contribution on the next tick, one 20 ms frame later. Lets {@code sip:echo@host} exercise the
 * whole decode → 48 kHz → mix → encode path. Two buffers swap roles each frame, so nothing is copied twice
 * and nothing is allocated.
 */
public final class EchoLeg implements MixerLeg {
  private float[] playing = new float[FRAME];
  private float[] recorded = new float[FRAME];
  private boolean haveRecorded;

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
    System.arraycopy(mix, 0, recorded, 0, FRAME);
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
