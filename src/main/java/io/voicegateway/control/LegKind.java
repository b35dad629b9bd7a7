package io.voicegateway.control;

/**
 * What sits at the far side of a leg. Control treats them alike through the leg's endpoint; only the layer
 * that implements a kind knows its protocol.
 */
public enum LegKind {
  /** A SIP dialog (phone, trunk). */
  SIP,
  /** An app inside the gateway (echo, …): lives only in the mixer. */
  APP,
  /** A browser over WebRTC (io.voicegateway.browser: the dashboard's phone). */
  WEBRTC,
  /** A media stream consumer over a WebSocket (reserved: not built yet). */
  STREAM;

  /** The lower-case name the API carries. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
