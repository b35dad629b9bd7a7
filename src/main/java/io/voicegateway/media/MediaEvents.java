package io.voicegateway.media;

/**
 * What the media engine tells the rest of the gateway. The Vert.x side turns these into {@code CallEvent}s
 * and a hang-up request. Called from RTP event loops and mixer threads: implementations must not block.
 */
public interface MediaEvents {
  MediaEvents NONE = new MediaEvents() { };

  default void dtmf(String callId, String legId, char digit, int durationMs) {}

  default void audioStarted(String callId, String legId) {}

  default void audioStopped(String callId, String legId) {}

  /**
   * A fax tone ({@code CNG} or {@code CED}) was heard from {@code legId} in a two-party G.711 call; {@code mode}
   * is {@code passthrough} (payloads now relayed unchanged) or {@code transcoding} (PCMU↔PCMA, still mixed).
   */
  default void faxDetected(String callId, String legId, String tone, String mode) {}

  /** No media came back within {@code reconnection_timeout}: end the call. */
  default void mediaLost(String callId, String legId) {}
}
