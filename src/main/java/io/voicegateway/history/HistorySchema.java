package io.voicegateway.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The history's tables, as an ordered list of migrations. {@code schema_version} records the last one applied;
 * on start every later one runs and then records its version, so a database written by an older gateway is
 * brought up to date and a current one is left alone. H2 commits DDL statement by statement, so a migration
 * that fails halfway stops the start-up with its version in the message rather than being rolled back.
 * Append new migrations; never edit an applied one.
 */
final class HistorySchema {
  /** Migration {@code i + 1}: its statements in order. */
  static final List<List<String>> MIGRATIONS = List.of(
      List.of(
          "CREATE TABLE calls (id VARCHAR(64) PRIMARY KEY, direction VARCHAR(16), from_uri VARCHAR(1024),"
              + " to_uri VARCHAR(1024), sip_call_id VARCHAR(512), started_at BIGINT NOT NULL, answered_at BIGINT,"
              + " ended_at BIGINT NOT NULL, duration_ms BIGINT NOT NULL, cause VARCHAR(512))",
          "CREATE INDEX calls_started_at ON calls (started_at)",
          "CREATE TABLE call_legs (call_id VARCHAR(64) NOT NULL REFERENCES calls (id) ON DELETE CASCADE,"
              + " leg_index INT NOT NULL, kind VARCHAR(8), peer VARCHAR(1024), codec VARCHAR(32),"
              + " PRIMARY KEY (call_id, leg_index))"),
      // 2: the path a caller took through an IVR, one step a line (ivr10)
      List.of("ALTER TABLE calls ADD COLUMN ivr_path VARCHAR(8192)"),
      // 3: a call's recording file and how long it ran (rec10)
      List.of(
          "ALTER TABLE calls ADD COLUMN recording_path VARCHAR(1024)",
          "ALTER TABLE calls ADD COLUMN recording_ms BIGINT"),
      // 4: a call's row is written when it starts (ended_at NULL while it runs), closed as "interrupted" at the
      // next start after a crash, its end approximated by the last heartbeat the crashed run wrote
      List.of(
          "ALTER TABLE calls ALTER COLUMN ended_at SET NULL",
          "CREATE INDEX calls_open ON calls (ended_at)",
          "CREATE TABLE heartbeat (at BIGINT NOT NULL)"));

  private HistorySchema() {}

  /** The schema version after {@link #migrate}. */
  static int latest() {
    return MIGRATIONS.size();
  }

  /** Applies every migration newer than the database's version; returns the version it started from. */
  static int migrate(Connection db) throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL)");
    }
    int current = version(db);
    for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
      try (Statement st = db.createStatement()) {
        for (String sql : MIGRATIONS.get(v - 1)) {
          st.execute(sql);
        }
        st.execute("DELETE FROM schema_version");
        st.execute("INSERT INTO schema_version (version) VALUES (" + v + ")");
      } catch (SQLException e) {
        throw new SQLException("history schema migration to version " + v + " failed: " + e.getMessage(), e);
      }
    }
    return current;
  }

  static int version(Connection db) throws SQLException {
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
