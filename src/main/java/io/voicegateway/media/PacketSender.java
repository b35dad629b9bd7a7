package io.voicegateway.media;

/**
 * Sends one RTP packet of a leg toward its current target (the RTP socket side implements it). Called on
 * the mixer thread; the bytes are only valid during the call, so an asynchronous sender must copy them.
 */
@FunctionalInterface
public interface PacketSender {
  PacketSender NONE = (buf, off, len) -> { };

  void send(byte[] buf, int off, int len);
}
