package io.voicegateway.media;

import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.MediaConfig;
import java.time.Duration;
import java.util.List;

/** A media configuration for tests: loopback only, the given port range and timeouts. */
public final class TestMediaConfig {
  private TestMediaConfig() {}

  public static GatewayConfig gateway(int portMin, int portMax) {
    return gateway(portMin, portMax, "rfc4733", Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  public static GatewayConfig gateway(int portMin, int portMax, String dtmfMethod, Duration rtpTimeout,
      Duration reconnection) {
    MediaConfig media = new MediaConfig(5060, List.of("udp"), null, null, null, "127.0.0.1", "127.0.0.1", portMin,
        portMax, true, List.of("g711-ulaw", "g711-alaw", "g722", "opus"), "pcm16", 16000, 1, 40, 200, true,
        true, reconnection, rtpTimeout, Duration.ofSeconds(30), new MediaConfig.DtmfConfig(
        io.voicegateway.config.DtmfMethod.valueOf(dtmfMethod.toUpperCase(java.util.Locale.ROOT)), 0.5),
        new MediaConfig.OpusConfig(32000, 5), List.of());
    return new GatewayConfig(media, null, List.of(), List.of(), ConfigLoader.defaults().routes(), null, null, null, null);
  }
}
