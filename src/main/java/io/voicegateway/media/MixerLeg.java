package io.voicegateway.media;

/**
 * One participant of a call's mix: a SIP leg's pipeline or an app leg without a socket. Only the mixer
 * thread calls these, once per 20 ms frame, so implementations need no locks.
 */
public interface MixerLeg {
  /** Samples in one 20 ms mixer frame at 48 kHz. */
  int FRAME = 960;

  /**
   * This leg's 20 ms of 48 kHz audio, in a buffer the leg owns and reuses (values in −1…1), or null when it
   * contributes nothing this frame (on hold, send-only, nothing received yet).
   */
  float[] pull();

  /**
   * The mix this leg should hear for the frame: every other leg's audio. The array belongs to the mixer and
   * is overwritten after the call returns, so keep a copy if needed. Not called while the leg does not
   * listen ({@link #listening()}).
   */
  void push(float[] mix);

  /** Whether the leg currently takes audio (false on hold / receive-only from our side). */
  boolean listening();
}
