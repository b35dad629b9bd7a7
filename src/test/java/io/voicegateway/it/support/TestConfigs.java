package io.voicegateway.it.support;

import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.DtmfMethod;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.HttpConfig;
import io.voicegateway.config.MediaConfig;
import java.time.Duration;
import java.util.List;

/** Builds the configuration records directly for tests: 127.0.0.1, a free SIP port, all codecs. */
public final class TestConfigs {
  private TestConfigs() {}

  public static MediaConfig media(int sipPort, List<String> transports, String tlsCert, String tlsKey,
      List<MediaConfig.Registration> registrations, Duration keepalive) {
    return new MediaConfig(sipPort, transports, tlsCert, tlsKey, null, "127.0.0.1", "127.0.0.1", 20000, 20100, true,
        List.of("g711-ulaw", "g711-alaw", "g722", "opus"), "pcm16", 16000, 1, 60, 200, true, true,
        Duration.ofSeconds(30), Duration.ofSeconds(30), keepalive, new MediaConfig.DtmfConfig(DtmfMethod.RFC4733, 0.5),
        new MediaConfig.OpusConfig(32000, 5), registrations);
  }

  public static GatewayConfig gateway(MediaConfig media) {
    return new GatewayConfig(media, new HttpConfig("127.0.0.1", 0, "test-token", false),
        List.of(), List.of(), ConfigLoader.defaults().routes());
  }

  /** UDP and TCP on {@code sipPort}. */
  public static GatewayConfig udpTcp(int sipPort) {
    return gateway(media(sipPort, List.of("udp", "tcp"), null, null, List.of(), Duration.ofSeconds(30)));
  }
}
