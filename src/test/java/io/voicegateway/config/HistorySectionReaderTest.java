package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistorySectionReaderTest {
  @Test
  void defaultsKeepHistoryUnderData() {
    HistoryConfig history = ConfigLoader.defaults().history();
    assertTrue(history.enabled());
    assertEquals(Path.of("data"), history.dataDir());
    assertEquals(Duration.ofDays(90), history.retention());
  }

  @Test
  void retentionIsADurationAndZeroKeepsEveryCall() {
    assertEquals(Duration.ofDays(30), ConfigLoader.parse("history: {retention: 30d}", Map.of()).history().retention());
    assertEquals(Duration.ZERO, ConfigLoader.parse("history: {retention: 0}", Map.of()).history().retention());
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("history: {retention: forever}", Map.of()));
    assertEquals("history.retention", e.keyPath(), e.getMessage());
  }

  @Test
  void keysAreReadWithSubstitution() {
    HistoryConfig history = ConfigLoader.parse("history: {enabled: false, data_dir: \"${DIR}/vg\"}",
        Map.of("DIR", "/var/lib")).history();
    assertFalse(history.enabled());
    assertEquals(Path.of("/var/lib/vg"), history.dataDir());
  }

  @Test
  void unknownKeyNamesThePath() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("history: {data_directory: x}", Map.of()));
    assertTrue(e.getMessage().contains("history.data_directory"), e.getMessage());
    assertTrue(e.getMessage().contains("data_dir"), e.getMessage());
  }

  @Test
  void healthAndMetricsAreOpenUnlessProtected() {
    assertFalse(ConfigLoader.defaults().http().protectOpsPages());
    assertTrue(ConfigLoader.parse("http: {protect_health_and_metrics: true}", Map.of()).http().protectOpsPages());
  }

  @Test
  void withoutAUrlTheStoreIsTheEmbeddedFileOfNodeLocal() {
    HistoryConfig history = ConfigLoader.parse("history: {data_dir: /srv/vg}", Map.of()).history();
    assertFalse(history.shared());
    assertEquals("local", history.nodeId());
    assertEquals("jdbc:h2:file:/srv/vg/history;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", history.jdbcUrl());
  }

  @Test
  void aPostgresUrlWithUserAndPasswordFromTheEnvironment() {
    GatewayConfig config = ConfigLoader.parse(String.join("\n",
        "history:",
        "  url: jdbc:postgresql://db.example:5432/vg",
        "  user: ${PGUSER}",
        "  password: ${PGPASSWORD}",
        "  node_id: gw-2"), Map.of("PGUSER", "gateway", "PGPASSWORD", "s3cret"));
    HistoryConfig history = config.history();
    assertTrue(history.shared());
    assertEquals("jdbc:postgresql://db.example:5432/vg", history.jdbcUrl());
    assertEquals("gateway", history.user());
    assertEquals("s3cret", history.password());
    assertEquals("gw-2", config.nodeId());
    assertFalse(history.toString().contains("s3cret"), history.toString());
  }

  @Test
  void aBadUrlOrNodeNameNamesItsKey() {
    for (String bad : new String[] {"jdbc:mysql://h/db", "postgresql://h/db", "jdbc:postgresql://h:port/db"}) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> ConfigLoader.parse("history: {url: \"" + bad + "\"}", Map.of()));
      assertEquals("history.url", e.keyPath(), e.getMessage());
      assertTrue(e.getMessage().contains("jdbc:postgresql://host:5432/database"), e.getMessage());
    }
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("history: {node_id: \"gw 1\"}", Map.of()));
    assertEquals("history.node_id", e.keyPath(), e.getMessage());
  }
}
