package io.voicegateway.control.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A router and a source classifier made live follow the configuration in force at each call. */
class LiveRouterTest {
  private static GatewayConfig config(String yaml) {
    return ConfigLoader.parse(yaml, Map.of());
  }

  @Test
  void aNewRouteAnswersOnceItIsInForce() {
    AtomicReference<GatewayConfig> live = new AtomicReference<>(config(""));
    Router router = Router.live(live::get);
    assertTrue(router.route("200", CallSource.unknown()).isEmpty());

    live.set(config("routes:\n  - {direction: inbound, match: \"200\", app: echo, from: any}\n"));
    assertEquals("echo", router.route("200", CallSource.unknown()).orElseThrow().name());
    assertTrue(router.route("echo", CallSource.unknown()).isEmpty(), "the old default route is gone");
  }

  @Test
  void aProvidersNewAddressIsItsTrunkOnceInForce() throws Exception {
    AtomicReference<GatewayConfig> live = new AtomicReference<>(
        config("providers:\n  - {id: carrier, host: 203.0.113.5}\n"));
    SourceClassifier sources = SourceClassifier.live(live::get);
    InetAddress moved = InetAddress.getByName("203.0.113.6");
    assertTrue(sources.trunkOf(moved).isEmpty());

    live.set(config("providers:\n  - {id: carrier, host: 203.0.113.6}\n"));
    assertEquals("carrier", sources.trunkOf(moved).orElseThrow());
  }
}
