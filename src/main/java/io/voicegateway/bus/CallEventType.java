package io.voicegateway.bus;

/** The call event names fixed by the architecture contract. */
public enum CallEventType {
  CALL_STARTED,
  CALL_RINGING,
  CALL_CONNECTED,
  CALL_ON_HOLD,
  CALL_RESUMED,
  CALL_TRANSFERRED,
  CALL_TERMINATED,
  DTMF_RECEIVED,
  AUDIO_STARTED,
  AUDIO_STOPPED,
  /** ivr10: one step of an IVR (menu entered, key, action); the step in {@code reason}, a key in {@code digit}. */
  IVR_STEP,
  /** A voicemail message was stored: published on vg.voicemail.events (bus.VoicemailMessages.Received). */
  VOICEMAIL_RECEIVED,
  // conf10: a party joined a live call (added by the API) or left one that goes on with the others
  PARTY_JOINED,
  PARTY_LEFT,
  /** A call's recording started or went on after a pause; the reason is the file's path (rec10). */
  RECORDING_STARTED,
  /** A call's recording stopped (paused, or finished with the call); the reason is the file's path (rec10). */
  RECORDING_STOPPED,
  /** A fax tone was heard (issue 13): the reason is {@code TONE MODE}, e.g. {@code CED passthrough}. */
  FAX_DETECTED
}
