package io.voicegateway;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.voicegateway.bridge.BridgeVerticle;

/**
 * {@code vg_bridge_refused_frames_total{reason}}: what the TCP event-bus bridge refused, read at scrape time.
 * {@code frame_length}: a connection closed for a frame length its parser cannot take (negative or over 1 MiB);
 * {@code token}: a register, send or publish frame without the right {@code headers.token}.
 */
final class BridgeMeters {
  private BridgeMeters() {}

  static void register(MeterRegistry registry, BridgeVerticle bridge) {
    FunctionCounter.builder("vg_bridge_refused_frames", bridge, BridgeVerticle::refusedFrames)
        .description("TCP bridge frames refused, by reason").tag("reason", "frame_length").register(registry);
    FunctionCounter.builder("vg_bridge_refused_frames", bridge, BridgeVerticle::refusedTokens)
        .description("TCP bridge frames refused, by reason").tag("reason", "token").register(registry);
  }
}
