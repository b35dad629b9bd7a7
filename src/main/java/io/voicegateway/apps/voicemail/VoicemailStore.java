package io.voicegateway.apps.voicemail;

import io.voicegateway.bus.VoicemailMessages.BoxSummary;
import io.voicegateway.bus.VoicemailMessages.Message;
import io.voicegateway.config.HistoryConfig;
import io.voicegateway.store.Database;
import io.voicegateway.store.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The index of voicemail messages: a {@code voicemail_messages} table in the history's store (the embedded
 * {@code history.mv.db} in {@code history.data_dir}, or the PostgreSQL database of {@code history.url} that
 * several gateways share, so a message left on one is listed by every one). The table has its own version row
 * ({@code voicemail_schema}) instead of a history migration: voicemail runs with the history disabled, its
 * verticle may open the database before the history's does, and the apps do not depend on the history package.
 * H2 shares one open database among every connection of the JVM, so this connection and the history's live side
 * by side. Every method blocks: call from a worker.
 */
final class VoicemailStore implements AutoCloseable {
  static final String VERSION_TABLE = "voicemail_schema";

  /** Statements of each version of this table, in order; append, never edit. */
  private static final List<List<String>> MIGRATIONS = List.of(List.of(
      "CREATE TABLE voicemail_messages (id VARCHAR(64) PRIMARY KEY, box VARCHAR(64) NOT NULL,"
          + " caller VARCHAR(1024), call_id VARCHAR(64), received_at BIGINT NOT NULL, duration_ms BIGINT NOT NULL,"
          + " heard BOOLEAN NOT NULL DEFAULT FALSE)",
      "CREATE INDEX voicemail_messages_box ON voicemail_messages (box, received_at)"));

  private final Database database;

  private VoicemailStore(Database database) {
    this.database = database;
  }

  /** The embedded store in {@code dataDir} (tests). */
  static VoicemailStore open(Path dataDir) throws IOException {
    return open(new HistoryConfig(true, dataDir, HistoryConfig.DEFAULT_RETENTION));
  }

  /** Opens the history's store (created on first start when embedded) and makes or upgrades the table. */
  static VoicemailStore open(HistoryConfig store) throws IOException {
    if (!store.shared()) {
      Files.createDirectories(store.dataDir());
    }
    try {
      Database database = Database.connect(store.jdbcUrl(), store.user(), store.password());
      try {
        Migrations.migrate(database.connection(), database.dialect(), VERSION_TABLE, MIGRATIONS);
      } catch (SQLException e) {
        database.close();
        throw e;
      }
      return new VoicemailStore(database);
    } catch (SQLException e) {
      throw new IOException("cannot open the voicemail index in " + store.describe() + ": " + e.getMessage(), e);
    }
  }

  private Connection db() throws SQLException {
    return database.connection();
  }

  synchronized void add(Message m) throws SQLException {
    try (PreparedStatement st = db().prepareStatement("INSERT INTO voicemail_messages (id, box, caller, call_id,"
        + " received_at, duration_ms, heard) VALUES (?,?,?,?,?,?,?)")) {
      st.setString(1, m.id());
      st.setString(2, m.box());
      st.setString(3, m.caller());
      st.setString(4, m.callId());
      st.setLong(5, m.receivedAt());
      st.setLong(6, m.durationMs());
      st.setBoolean(7, m.heard());
      st.executeUpdate();
    }
  }

  /** A box's messages, newest first. */
  synchronized List<Message> messages(String box) throws SQLException {
    try (PreparedStatement st = db().prepareStatement("SELECT id, box, caller, call_id, received_at, duration_ms, heard"
        + " FROM voicemail_messages WHERE box = ? ORDER BY received_at DESC, id DESC")) {
      st.setString(1, box);
      List<Message> list = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          list.add(new Message(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
              rs.getLong(6), rs.getBoolean(7)));
        }
      }
      return list;
    }
  }

  synchronized Optional<Message> find(String box, String id) throws SQLException {
    return messages(box).stream().filter(m -> m.id().equals(id)).findFirst();
  }

  synchronized BoxSummary summary(String box) throws SQLException {
    try (PreparedStatement st = db().prepareStatement("SELECT COUNT(*), COALESCE(SUM(CASE WHEN heard THEN 0 ELSE 1 END),"
        + " 0) FROM voicemail_messages WHERE box = ?")) {
      st.setString(1, box);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return new BoxSummary(box, rs.getInt(2), rs.getInt(1));
      }
    }
  }

  /** Whether the message existed. */
  synchronized boolean markHeard(String box, String id) throws SQLException {
    try (PreparedStatement st = db().prepareStatement(
        "UPDATE voicemail_messages SET heard = TRUE WHERE box = ? AND id = ?")) {
      st.setString(1, box);
      st.setString(2, id);
      return st.executeUpdate() > 0;
    }
  }

  /** Whether the message existed. */
  synchronized boolean delete(String box, String id) throws SQLException {
    try (PreparedStatement st = db().prepareStatement("DELETE FROM voicemail_messages WHERE box = ? AND id = ?")) {
      st.setString(1, box);
      st.setString(2, id);
      return st.executeUpdate() > 0;
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    database.close();
  }
}
