package io.voicegateway.sip.stack;

/** A TCP or TLS listener of ours that tells {@link ClosedConnections} of each connection it drops. */
interface ReportsClosedConnections {
  ClosedConnections closed();

  /** {@code tcp} or {@code tls}, as a request's source names its transport. */
  String transportName();
}
