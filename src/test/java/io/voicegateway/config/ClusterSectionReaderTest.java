package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSectionReaderTest {
  @Test
  void offByDefault() {
    ClusterConfig cluster = ConfigLoader.defaults().cluster();
    assertEquals(ClusterConfig.disabled(), cluster);
    assertFalse(cluster.enabled());
    assertEquals(Duration.ofSeconds(5), cluster.failureTimeout());
  }

  @Test
  void keysAreRead() {
    ClusterConfig cluster = ConfigLoader.parse("cluster: {enabled: true, node_name: a, host: 127.0.0.1, port: 5801,"
        + " members: ['127.0.0.1:5801', '127.0.0.1:5802'], bus_host: 127.0.0.1, bus_port: 15801, heartbeat: 1s,"
        + " failure_timeout: 4s}", Map.of()).cluster();
    assertTrue(cluster.enabled());
    assertEquals("a", cluster.nodeName());
    assertEquals(5801, cluster.port());
    assertEquals(List.of("127.0.0.1:5801", "127.0.0.1:5802"), cluster.members());
    assertEquals(15801, cluster.busPort());
    assertEquals(Duration.ofSeconds(4), cluster.failureTimeout());
  }

  @Test
  void badValuesNameTheirKey() {
    assertKey("cluster.enabled", "cluster: {enabled: maybe}");
    assertKey("cluster.port", "cluster: {port: 70000}");
    assertKey("cluster.host", "cluster: {host: 0.0.0.0}");
    assertKey("cluster.members", "cluster: {enabled: true}");
    assertKey("cluster.members[0]", "cluster: {members: ['nohost']}");
    assertKey("cluster.members[1]", "cluster: {members: ['127.0.0.1:5701', '127.0.0.1:x']}");
    assertKey("cluster.bus_port", "cluster: {bus_port: -1}");
    assertKey("cluster.heartbeat", "cluster: {heartbeat: often}");
    assertKey("cluster.failure_timeout", "cluster: {heartbeat: 3s, failure_timeout: 5s}");
    ConfigException unknown = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("cluster: {member: ['127.0.0.1:5701']}", Map.of()));
    assertTrue(unknown.getMessage().contains("members"), unknown.getMessage());
  }

  private static void assertKey(String key, String yaml) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, Map.of()));
    assertEquals(key, e.keyPath(), e.getMessage());
  }
}
