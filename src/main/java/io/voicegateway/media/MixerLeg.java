package io.voicegateway.media;

/**
 * One participant of a call's mix: a SIP leg's pipeline or an app leg without a socket. Only the mixer
 * thread calls these, once per 20 ms frame, so implementations need no locks.
 *
 * <p>Each call's bus runs at the highest rate a listening leg declares ({@link #mixRate}): a leg
 * exchanges frames with the mixer at its own rate, and the mixer resamples only a leg whose rate differs
 * from the bus (issue 13). A frame is {@code rate / 50} samples: arrays handed over may be longer, only that
 * many samples count.
 */
public interface MixerLeg {
  /** Samples in one 20 ms mixer frame at 48 kHz. */
  int FRAME = 960;

  /** The bus rates a call can run at. */
  int[] RATES = {8000, 16000, 48000};

  /** Samples in one 20 ms frame at {@code rate} Hz. */
  static int frameSamples(int rate) {
    return rate / 50;
  }

  /**
   * The rate this leg's frames are at: 8000, 16000 or 48000, or 0 when any will do (echo, recorder-like app
   * legs), in which case it gets and gives frames at the bus rate. A SIP leg answers its codec's rate, so a
   * renegotiation may change it; the mixer re-reads it every frame. App legs default to 48 kHz.
   */
  default int mixRate() {
    return 48000;
  }

  /**
   * This leg's 20 ms of audio at {@link #mixRate} (the bus rate for 0), in a buffer the leg owns and
   * reuses (values in −1…1), or null when it contributes nothing this frame (on hold, send-only, nothing
   * received yet). A frame shorter than 20 ms at the rate (a leg that just changed rate) counts as null.
   */
  float[] pull();

  /**
   * The mix this leg should hear for the frame at its {@link #mixRate} (the bus rate for 0; exactly
   * {@code rate / 50} samples long): every other leg's audio. When one other leg talks at this leg's rate, it is
   * that leg's frame itself. The array is not the leg's and is overwritten after the call returns, so copy
   * what you keep and never write into it. Not called while the leg does not listen ({@link #listening()}).
   */
  void push(float[] mix);

  /** Whether the leg currently takes audio (false on hold / receive-only from our side). */
  boolean listening();
}
