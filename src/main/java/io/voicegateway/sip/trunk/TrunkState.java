package io.voicegateway.sip.trunk;

/** Where a trunk registration stands. */
public enum TrunkState {
  /** A REGISTER (first, refresh or challenge answer) is in flight. */
  REGISTERING,
  /** The registrar accepted the binding; a refresh is scheduled. */
  REGISTERED,
  /** The last attempt failed; a retry is scheduled with back-off. */
  FAILED,
  /** Stopped: un-REGISTERed (or tried to); no more attempts. */
  STOPPED
}
