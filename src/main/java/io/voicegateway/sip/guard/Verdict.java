package io.voicegateway.sip.guard;

/** What {@link SourceGuard} decided for one message; the label is the metric's {@code reason}. */
public enum Verdict {
  ADMIT(null),
  /** the address sends more messages than its rate allows */
  RATE("rate"),
  /** the address sends more new INVITEs than its INVITE rate allows */
  INVITE_RATE("invite_rate"),
  /** the address is banned (flood, garbage or failed authentication) until its ban expires */
  BANNED("banned"),
  /** the stack's receive queue is full */
  QUEUE_FULL("queue_full"),
  /** a TCP, TLS or WebSocket connection over the address's {@code limits.max_connections_per_source}, closed at accept */
  CONNECTIONS("connections"),
  /** a stream connection opened faster than the address's {@code limits.connections_per_second}, closed at accept */
  CONNECTION_RATE("connection_rate"),
  /** a stream connection while untrusted addresses together hold {@code limits.unknown_max_connections} */
  UNKNOWN_CONNECTIONS("unknown_connections"),
  /** untrusted addresses together send more than {@code limits.unknown_requests_per_second} */
  UNKNOWN_RATE("unknown_rate"),
  /** untrusted addresses together send more new INVITEs than {@code limits.unknown_invites_per_second} */
  UNKNOWN_INVITE_RATE("unknown_invite_rate"),
  /** an untrusted address's message while half of {@code limits.overload_queue_depth} waits for the stack */
  UNKNOWN_QUEUE("unknown_queue"),
  /** untrusted addresses together open stream connections faster than {@code limits.unknown_invites_per_second} */
  UNKNOWN_CONNECTION_RATE("unknown_connection_rate");

  private final String reason;

  Verdict(String reason) {
    this.reason = reason;
  }

  /** The {@code reason} label of {@code vg_sip_limited_total}, or null for {@link #ADMIT}. */
  public String reason() {
    return reason;
  }
}
