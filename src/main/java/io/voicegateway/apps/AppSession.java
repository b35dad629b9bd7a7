package io.voicegateway.apps;

import io.voicegateway.media.MixerLeg;

/**
 * One app running on one call. The callbacks run on the apps verticle's event loop; {@link #leg()}'s methods on
 * the mixer thread, so state shared between the two needs a safe hand-over (a volatile field, a queue).
 */
public interface AppSession {
  /**
   * The app's audio in the call: {@link MixerLeg#push} gives it the call's mix without itself (the caller),
   * {@link MixerLeg#pull} what it plays. Asked for once, when the session starts; null for an app with nothing
   * to say or hear. No allocation per frame.
   */
  MixerLeg leg();

  /** A DTMF key the caller pressed (RFC 4733 or in-band, already debounced). */
  default void onDtmf(char digit, int durationMs) {}

  /**
   * The session is over: the call ended ({@code reason} as in CALL_TERMINATED) or another app took it over
   * ({@link AppCall#replaceWith}). Release files and timers here; the leg is no longer mixed.
   */
  default void onEnd(String reason) {}
}
