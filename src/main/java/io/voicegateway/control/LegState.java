package io.voicegateway.control;

/** Where one leg is in its life: being set up (ringing either way), connected, or gone. */
public enum LegState {
  SETTING_UP,
  CONNECTED,
  ENDED
}
