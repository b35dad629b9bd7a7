package io.voicegateway.bus;

/** Where a trunk registration stands; on the wire its upper-case name. */
public enum TrunkState {
  /** A REGISTER is in flight and no binding stands (first attempt, retry after a failure). */
  REGISTERING,
  /** The registrar accepted the binding; a refresh is scheduled or in flight. */
  REGISTERED,
  /** The last attempt failed; a retry is scheduled with back-off. */
  FAILED,
  /** Stopped: un-REGISTERed (or tried to); no more attempts. */
  STOPPED
}
