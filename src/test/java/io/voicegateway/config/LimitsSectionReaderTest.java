package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitsSectionReaderTest {
  @Test
  void defaultsLimitUnknownSourcesAndLeaveTrunksRoom() {
    LimitsConfig limits = ConfigLoader.defaults().limits();
    assertEquals(LimitsConfig.defaults(), limits);
    assertTrue(limits.enabled());
    assertTrue(limits.trustedPerSecond() > limits.requestsPerSecond());
    assertEquals(16 * 1024, limits.udpMaxDatagram());
    assertEquals(10, limits.unknownSourceMaxCalls());
  }

  @Test
  void theUnknownSourceCallCapIsReadAndZeroTurnsItOff() {
    assertEquals(3, ConfigLoader.parse("limits: {unknown_source_max_calls: 3}", Map.of()).limits()
        .unknownSourceMaxCalls());
    assertEquals(0, ConfigLoader.parse("limits: {unknown_source_max_calls: 0}", Map.of()).limits()
        .unknownSourceMaxCalls());
    assertKey("limits.unknown_source_max_calls", "limits: {unknown_source_max_calls: -1}");
    assertKey("limits.unknown_source_max_calls", "limits: {unknown_source_max_calls: many}");
  }

  @Test
  void theConnectionCapIsReadAndZeroTurnsItOff() {
    assertEquals(20, LimitsConfig.defaults().maxConnectionsPerSource());
    assertEquals(5, ConfigLoader.parse("limits: {max_connections_per_source: 5}", Map.of()).limits()
        .maxConnectionsPerSource());
    assertEquals(0, ConfigLoader.parse("limits: {max_connections_per_source: 0}", Map.of()).limits()
        .maxConnectionsPerSource());
    assertKey("limits.max_connections_per_source", "limits: {max_connections_per_source: -1}");
    assertKey("limits.max_connections_per_source", "limits: {max_connections_per_source: lots}");
  }

  @Test
  void keysAreRead() {
    LimitsConfig limits = ConfigLoader.parse("limits: {enabled: false, requests_per_second: 500, invites_per_second: 5,"
        + " ban_time: 10m, retry_after: 30s, overload_free_ports_percent: 10}", Map.of()).limits();
    assertFalse(limits.enabled());
    assertEquals(500, limits.requestsPerSecond());
    assertEquals(500, limits.requestsBurst(), "the burst follows a raised rate");
    assertEquals(5, limits.invitesPerSecond());
    assertEquals(Duration.ofMinutes(10), limits.banTime());
    assertEquals(Duration.ofSeconds(30), limits.retryAfter());
    assertEquals(10, limits.overloadFreePortsPercent());
  }

  @Test
  void trustedSourcesAreAddressesOrBlocks() {
    assertEquals(List.of(), LimitsConfig.defaults().trustedSources());
    assertEquals(List.of("10.0.0.5", "192.168.10.0/24", "2001:db8::/32"), ConfigLoader.parse(
        "limits: {trusted_sources: [10.0.0.5, 192.168.10.0/24, \"2001:db8::/32\"]}", Map.of()).limits()
        .trustedSources());
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("limits: {trusted_sources: [kamailio.example]}", Map.of()));
    assertTrue(e.keyPath().startsWith("limits.trusted_sources"), e.keyPath());
  }

  @Test
  void badValuesNameTheirKey() {
    assertKey("limits.requests_per_second", "limits: {requests_per_second: 0}");
    assertKey("limits.ban_time", "limits: {ban_time: soon}");
    assertKey("limits.udp_max_datagram", "limits: {udp_max_datagram: 100000}");
    assertKey("limits.retry_after", "limits: {retry_after: 500ms}");
    assertKey("limits.overload_late_tick_percent", "limits: {overload_late_tick_percent: 101}");
    ConfigException unknown = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("limits: {request_per_second: 5}", Map.of()));
    assertTrue(unknown.getMessage().contains("requests_per_second"), unknown.getMessage());
  }

  private static void assertKey(String key, String yaml) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, Map.of()));
    assertEquals(key, e.keyPath(), e.getMessage());
  }
}
