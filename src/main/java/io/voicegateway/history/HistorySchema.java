package io.voicegateway.history;

import io.voicegateway.store.Dialect;
import io.voicegateway.store.Migrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The history's tables, as an ordered list of migrations run by {@link Migrations} on the embedded H2 file or the
 * shared PostgreSQL database: the same SQL for both, a dialect difference spelled by {@link Dialect}.
 * {@code schema_version} records the last one applied (the table every gateway since the first has kept, so an
 * existing file is upgraded in place). Append new migrations; never edit an applied one.
 */
final class HistorySchema {
  static final String VERSION_TABLE = "schema_version";

  private HistorySchema() {}

  /** Migration {@code i + 1}: its statements in order. */
  static List<List<String>> migrations(Dialect dialect) {
    return List.of(
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
            dialect.dropNotNull("calls", "ended_at"),
            "CREATE INDEX calls_open ON calls (ended_at)",
            "CREATE TABLE heartbeat (at BIGINT NOT NULL)"),
        // 5: several gateways share one database (scale-out): each row and heartbeat names the node that wrote
        // it, so a node restarted after a crash closes only its own open calls. Rows from before are "local",
        // the name of a gateway that runs alone.
        List.of(
            "ALTER TABLE calls ADD COLUMN node VARCHAR(64) DEFAULT 'local' NOT NULL",
            "CREATE INDEX calls_node_open ON calls (node, ended_at)",
            "ALTER TABLE heartbeat ADD COLUMN node VARCHAR(64) DEFAULT 'local' NOT NULL"));
  }

  /** The schema version after {@link #migrate}. */
  static int latest() {
    return migrations(Dialect.H2).size();
  }

  /** Applies every migration newer than the database's version; returns the version it started from. */
  static int migrate(Connection db, Dialect dialect) throws SQLException {
    return Migrations.migrate(db, dialect, VERSION_TABLE, migrations(dialect));
  }

  static int version(Connection db) throws SQLException {
    return Migrations.version(db, VERSION_TABLE);
  }
}
