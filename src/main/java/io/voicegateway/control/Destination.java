package io.voicegateway.control;

/**
 * One place a {@link Dialer} can reach (a device binding, a trunk, later a browser or a stream consumer). Control
 * only names it; the dialer of its kind knows how to reach it.
 */
public interface Destination {
  /** Who this is, for logs, events and the leg's peer: a device or provider id, or a URI. */
  String label();
}
