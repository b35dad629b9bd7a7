package io.voicegateway.transport;

import io.voicegateway.media.LegMedia;

/** A leg's socket as the RTP verticle's 250 ms timer sees it, plain RTP or WebRTC alike. */
interface LegSocket {
  LegMedia leg();

  boolean closed();

  /** Periodic work on the event loop that bound the socket: watchdog, RTCP, metrics (and consent, for WebRTC). */
  void check(long now);
}
