package io.voicegateway.media;

/**
 * Where an arrival tap reports the packets it drops (a metric, in the gateway). Called on the RTP thread, only for a
 * dropped packet: must not block.
 */
@FunctionalInterface
public interface ArrivalDrops {
  ArrivalDrops NONE = duplicate -> { };

  /** One packet dropped: a second copy ({@code duplicate}), or one that came after a newer one was played. */
  void dropped(boolean duplicate);
}
