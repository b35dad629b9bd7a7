package io.voicegateway.media;

import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.MediaConfig;
import io.voicegateway.media.codec.OpusSettings;
import io.voicegateway.media.jitter.JitterSettings;
import io.voicegateway.media.rtp.PortPool;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Media settings for tests: the media library's own (no configuration involved) and, for the transport's
 * tests, a gateway configuration with loopback only, the given port range and timeouts.
 */
public final class TestMediaConfig {
  private TestMediaConfig() {}

  /** Opus 32 kbit/s, a 40 ms adaptive jitter buffer (max 200 ms) with concealment, the given DTMF method. */
  public static PipelineSettings pipeline(String dtmfMethod) {
    return new PipelineSettings(new OpusSettings(32000, 5), new JitterSettings(40, 200, true, true),
        !"inband".equals(dtmfMethod), "inband".equals(dtmfMethod) || "both".equals(dtmfMethod), 0.5);
  }

  /** An engine on the given port range with RFC 4733 DTMF and the system's monotonic clock. */
  public static MediaEngine engine(int portMin, int portMax) {
    return engine(portMin, portMax, System::nanoTime);
  }

  public static MediaEngine engine(int portMin, int portMax, LongSupplier clock) {
    return new MediaEngine(new PortPool(portMin, portMax), pipeline("rfc4733"), clock);
  }

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
    return new GatewayConfig(media, null, List.of(), List.of(), ConfigLoader.defaults().routes());
  }
}
