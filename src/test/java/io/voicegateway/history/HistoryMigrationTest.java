package io.voicegateway.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.HistoryEntry;
import io.voicegateway.bus.HistoryQuery;
import io.voicegateway.config.HistoryConfig;
import io.voicegateway.store.Dialect;
import io.voicegateway.store.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's migrations on H2: a database a gateway of the previous version left (schema 4, one call open) is
 * upgraded in place, its rows kept and named node "local"; nodes sharing a store each close only their own open
 * rows at start, dated by their own heartbeat; a migration that fails names its version.
 */
class HistoryMigrationTest {
  @TempDir
  Path tmp;

  private Connection raw() throws SQLException {
    return DriverManager.getConnection("jdbc:h2:file:" + tmp.resolve(HistoryConfig.H2_FILE).toAbsolutePath(), "sa",
        "");
  }

  private HistoryConfig node(String id) {
    return new HistoryConfig(true, tmp, HistoryConfig.DEFAULT_RETENTION, null, null, null, id);
  }

  private static HistoryEntry started(String id, long at) {
    return new HistoryEntry(id, CallDirection.INBOUND, "sip:alice@127.0.0.1", "sip:echo@gw", id + "@host", at, 0, 0,
        0, null, List.of());
  }

  @Test
  void aVersion4DatabaseIsUpgradedInPlaceWithItsRowsAsNodeLocal() throws Exception {
    try (Connection db = raw(); Statement st = db.createStatement()) {
      // what a gateway before scale-out wrote: migrations 1 to 4, a finished call, an open one, a heartbeat
      Migrations.migrate(db, Dialect.H2, HistorySchema.VERSION_TABLE,
          HistorySchema.migrations(Dialect.H2).subList(0, 4));
      st.execute("INSERT INTO calls (id, started_at, ended_at, duration_ms, cause) VALUES ('old', 1, 5, 4, 'bye')");
      st.execute("INSERT INTO calls (id, started_at, answered_at, duration_ms) VALUES ('open', 10, 20, 0)");
      st.execute("INSERT INTO heartbeat (at) VALUES (30)");
      assertEquals(4, HistorySchema.version(db));
    }
    try (HistoryStore store = HistoryStore.open(tmp)) {
      assertEquals(HistorySchema.latest(), store.schemaVersion());
      assertEquals(1, store.closeInterrupted(), "the single gateway (node local) closes the call it left open");
      HistoryEntry open = store.find(HistoryQuery.all()).items().stream().filter(e -> e.id().equals("open"))
          .findFirst().orElseThrow();
      assertEquals(HistoryStore.INTERRUPTED, open.cause());
      assertEquals(30, open.endedAt(), "ended at the old run's heartbeat");
      assertEquals(2, store.find(HistoryQuery.all()).total());
    }
    assertEquals(Map.of("old", "local", "open", "local"), nodesOfCalls());
  }

  @Test
  void eachNodeClosesOnlyItsOwnOpenRowsAtItsOwnLastHeartbeat() throws Exception {
    try (HistoryStore a = HistoryStore.open(node("a")); HistoryStore b = HistoryStore.open(node("b"))) {
      a.heartbeat(100);
      b.heartbeat(900);
      a.opened(started("on-a", 50));
      a.answered("on-a", 60);
      b.opened(started("on-b", 70));
    } // node a "crashes"; node b is still carrying its call
    try (HistoryStore a = HistoryStore.open(node("a"))) {
      assertEquals(1, a.closeInterrupted());
      List<HistoryEntry> listed = a.find(HistoryQuery.all()).items();
      assertEquals(1, listed.size(), "b's call is still open, not history yet: " + listed);
      assertEquals("on-a", listed.get(0).id());
      assertEquals(100, listed.get(0).endedAt(), "a's own heartbeat dates it, not b's later one");
    }
    try (HistoryStore b = HistoryStore.open(node("b"))) {
      assertEquals(1, b.closeInterrupted());
      assertEquals(900, b.find(HistoryQuery.all()).items().stream().filter(e -> e.id().equals("on-b")).findFirst()
          .orElseThrow().endedAt());
    }
    assertEquals(Map.of("on-a", "a", "on-b", "b"), nodesOfCalls());
  }

  @Test
  void aCallFinishedWithoutAStartRowIsWrittenWithItsNode() throws Exception {
    try (HistoryStore b = HistoryStore.open(node("b"))) {
      assertTrue(b.add(new HistoryEntry("x", CallDirection.OUTBOUND, "f", "t", "x@h", 1, 2, 3, 1, "bye", List.of())));
    }
    assertEquals(Map.of("x", "b"), nodesOfCalls());
  }

  @Test
  void aFailingMigrationNamesItsVersionAndTable() throws Exception {
    try (Connection db = raw()) {
      SQLException e = assertThrows(SQLException.class, () -> Migrations.migrate(db, Dialect.H2, "t_version",
          List.of(List.of("CREATE TABLE t (a INT)"), List.of("ALTER TABLE nowhere ADD COLUMN b INT"))));
      assertTrue(e.getMessage().startsWith("t_version migration to version 2 failed"), e.getMessage());
      assertEquals(1, Migrations.version(db, "t_version"), "the first one stays applied");
    }
  }

  private Map<String, String> nodesOfCalls() throws SQLException {
    try (Connection db = raw(); Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, node FROM calls")) {
      Map<String, String> out = new java.util.HashMap<>();
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
      return out.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
  }
}
