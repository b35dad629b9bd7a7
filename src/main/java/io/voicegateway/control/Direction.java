package io.voicegateway.control;

/** Which way a call or a leg was set up, seen from the gateway. */
public enum Direction {
  /** The far side called us (we answer). */
  INBOUND,
  /** We called the far side (we dial). */
  OUTBOUND;

  /** The lower-case name events and the API carry ("inbound", "outbound"). */
  public String wireName() {
    return this == INBOUND ? "inbound" : "outbound";
  }
}
