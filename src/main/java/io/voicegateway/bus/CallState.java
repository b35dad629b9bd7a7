package io.voicegateway.bus;

/**
 * Where an active call stands, as the contract names it ({@code vg.sip.calls}, the REST API, the dashboard); on the
 * wire its upper-case name. Call control's own state machine ({@code control.CallState}) maps onto it one to one.
 */
public enum CallState {
  RINGING,
  CONNECTED,
  ON_HOLD,
  RESUMED,
  TRANSFERRED,
  TERMINATED
}
