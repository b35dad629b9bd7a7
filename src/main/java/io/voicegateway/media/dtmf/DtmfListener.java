package io.voicegateway.media.dtmf;

/**
 * Receives one call per key press. Called on the thread that fed the receiver or detector (the RTP
 * event loop for RFC 4733, the mixer tick for in-band), so implementations must not block.
 */
@FunctionalInterface
public interface DtmfListener {

  /**
   * @param digit      one of {@code 0-9 * # A-D}
   * @param durationMs how long the key was held, as carried by the event or measured in the audio
   * @param source     which path detected it
   */
  void onDigit(char digit, int durationMs, DtmfSource source);
}
