package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code bridge:} section: safe defaults, values as written, clear errors. */
class BridgeConfigTest {
  @Test
  void defaultsListenOnLoopbackPort7000AndWantTheToken() {
    assertEquals(new BridgeConfig(true, "127.0.0.1", 7000, true), ConfigLoader.defaults().bridge());
  }

  @Test
  void valuesAreReadWithEnvironmentSubstitution() {
    GatewayConfig config = ConfigLoader.parse(String.join("\n",
        "bridge:",
        "  tcp_enabled: false",
        "  tcp_host: 0.0.0.0",
        "  tcp_port: ${BRIDGE_PORT}",
        "  tcp_require_token: false"), Map.of("BRIDGE_PORT", "7100"));
    assertEquals(new BridgeConfig(false, "0.0.0.0", 7100, false), config.bridge());
  }

  @Test
  void aBadPortOrAnUnknownKeyNamesTheKey() {
    ConfigException port = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("bridge:\n  tcp_port: 70000", Map.of()));
    assertTrue(port.getMessage().contains("bridge.tcp_port"), port.getMessage());
    ConfigException key = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("bridge:\n  tcp_prot: 7000", Map.of()));
    assertTrue(key.getMessage().contains("tcp_port"), key.getMessage());
  }
}
