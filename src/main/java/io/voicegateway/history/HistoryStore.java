package io.voicegateway.history;

import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.HistoryEntry;
import io.voicegateway.bus.HistoryLeg;
import io.voicegateway.bus.HistoryPage;
import io.voicegateway.bus.HistoryQuery;
import io.voicegateway.bus.LegKind;
import io.voicegateway.codec.CodecType;
import io.voicegateway.config.HistoryConfig;
import io.voicegateway.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls in the store: the embedded H2 database ({@code history.mv.db} in the data directory) of a single gateway,
 * or the PostgreSQL database several gateways share ({@code history.url}). A call's row is written when it starts
 * ({@link #opened}, {@code ended_at} NULL), marked when answered, and completed when it ends ({@link #add});
 * queries list only completed rows, of every node. Each row and heartbeat names the node that wrote it: rows a
 * crash left open are closed as {@value #INTERRUPTED} at that node's next start ({@link #closeInterrupted}), its
 * own rows only (another node's open rows are calls it is still carrying), their end approximated by the node's
 * last {@link #heartbeat}. H2 writes each commit to the file at once ({@code WRITE_DELAY=0}), so a row committed
 * before a {@code kill -9} is on disk. Every method blocks: call it from a worker ({@code executeBlocking}), never
 * from an event loop. One connection, used by one caller at a time (the methods are synchronized), which is
 * plenty for a few writes per call.
 */
public final class HistoryStore implements AutoCloseable {
  /** The cause of a call the gateway died under. */
  public static final String INTERRUPTED = "interrupted";
  private static final int URI_CHARS = 1024;
  private static final int CALL_ID_CHARS = 512;
  private static final int CAUSE_CHARS = 512;

  private static final Logger LOG = Logger.getLogger(HistoryStore.class.getName());
  private final Database database;
  private final String node;

  private HistoryStore(Database database, String node) {
    this.database = database;
    this.node = node;
  }

  /** The embedded store in {@code dataDir}, node {@value HistoryConfig#DEFAULT_NODE_ID} (tests, tools). */
  public static HistoryStore open(Path dataDir) throws IOException {
    return open(new HistoryConfig(true, dataDir, HistoryConfig.DEFAULT_RETENTION));
  }

  /**
   * Opens the store of {@code config} (the embedded file in its data directory, created on first start, or the
   * shared PostgreSQL database of {@code history.url}) as node {@code config.nodeId()}, and migrates the schema.
   *
   * @throws IOException when the directory cannot be created or the database cannot be opened (another gateway
   *     holds the embedded file's lock; PostgreSQL is down or refuses the login)
   */
  public static HistoryStore open(HistoryConfig config) throws IOException {
    if (!config.shared()) {
      Files.createDirectories(config.dataDir());
    }
    try {
      Database database = Database.connect(config.jdbcUrl(), config.user(), config.password());
      try {
        HistorySchema.migrate(database.connection(), database.dialect());
      } catch (SQLException e) {
        database.close();
        throw e;
      }
      return new HistoryStore(database, config.nodeId());
    } catch (SQLException e) {
      throw new IOException("cannot open the call history in " + config.describe() + ": " + e.getMessage(), e);
    }
  }

  /** The connection, opened again if the last one was lost (a restarted PostgreSQL). */
  private Connection db() throws SQLException {
    return database.connection();
  }

  /**
   * The row of a call that just started (committed before this returns): what is known at the start, no end yet.
   * A call id already stored is left as it is (returns false).
   */
  public synchronized boolean opened(HistoryEntry e) throws SQLException {
    if (exists(e.id())) {
      return false;
    }
    try (PreparedStatement call = db().prepareStatement("INSERT INTO calls (id, direction, from_uri, to_uri,"
        + " sip_call_id, started_at, duration_ms, node) VALUES (?,?,?,?,?,?,0,?)")) {
      call.setString(1, e.id());
      call.setString(2, e.direction() == null ? null : e.direction().wireName());
      call.setString(3, StoredText.fit(e.from(), URI_CHARS));
      call.setString(4, StoredText.fit(e.to(), URI_CHARS));
      call.setString(5, StoredText.fit(e.sipCallId(), CALL_ID_CHARS));
      call.setLong(6, e.startedAt());
      call.setString(7, node);
      return call.executeUpdate() == 1;
    }
  }

  /** Marks an open call answered at {@code atMs}, so a crash after it still shows it was; false if none was. */
  public synchronized boolean answered(String id, long atMs) throws SQLException {
    try (PreparedStatement st = db().prepareStatement(
        "UPDATE calls SET answered_at = ? WHERE id = ? AND ended_at IS NULL AND answered_at IS NULL")) {
      st.setLong(1, atMs);
      st.setString(2, id);
      return st.executeUpdate() == 1;
    }
  }

  /**
   * Stores one finished call with its legs, completing its open row if {@link #opened} wrote one; a call already
   * finished is left as it is (returns false).
   */
  public synchronized boolean add(HistoryEntry e) throws SQLException {
    Boolean open = openState(e.id());
    if (Boolean.FALSE.equals(open)) {
      return false;
    }
    db().setAutoCommit(false);
    String write = open == null
        ? "INSERT INTO calls (direction, from_uri, to_uri, sip_call_id, started_at, answered_at, ended_at,"
            + " duration_ms, cause, ivr_path, id, node) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
        : "UPDATE calls SET direction = ?, from_uri = ?, to_uri = ?, sip_call_id = ?, started_at = ?,"
            + " answered_at = ?, ended_at = ?, duration_ms = ?, cause = ?, ivr_path = ? WHERE id = ?";
    try (PreparedStatement call = db().prepareStatement(write);
        PreparedStatement leg = db().prepareStatement(
            "INSERT INTO call_legs (call_id, leg_index, kind, peer, codec) VALUES (?,?,?,?,?)")) {
      call.setString(11, e.id());
      if (open == null) {
        call.setString(12, node);
      }
      call.setString(1, e.direction() == null ? null : e.direction().wireName());
      call.setString(2, StoredText.fit(e.from(), URI_CHARS));
      call.setString(3, StoredText.fit(e.to(), URI_CHARS));
      call.setString(4, StoredText.fit(e.sipCallId(), CALL_ID_CHARS));
      call.setLong(5, e.startedAt());
      if (e.answeredAt() > 0) {
        call.setLong(6, e.answeredAt());
      } else {
        call.setNull(6, Types.BIGINT);
      }
      call.setLong(7, e.endedAt());
      call.setLong(8, e.durationMs());
      call.setString(9, StoredText.fit(e.cause(), CAUSE_CHARS));
      call.setString(10, e.ivrPath().isEmpty() ? null : String.join("\n", e.ivrPath()));
      call.executeUpdate();
      for (int i = 0; i < e.legs().size(); i++) {
        HistoryLeg l = e.legs().get(i);
        leg.setString(1, e.id());
        leg.setInt(2, i);
        leg.setString(3, l.kind().wireName());
        leg.setString(4, StoredText.fit(l.peer(), URI_CHARS));
        leg.setString(5, l.codec() == null ? null : l.codec().configName());
        leg.addBatch();
      }
      leg.executeBatch();
      if (e.recording() != null) {
        try (PreparedStatement rec = db().prepareStatement(
            "UPDATE calls SET recording_path = ?, recording_ms = ? WHERE id = ?")) {
          rec.setString(1, e.recording());
          rec.setLong(2, e.recordingMs());
          rec.setString(3, e.id());
          rec.executeUpdate();
        }
      }
      db().commit();
      return true;
    } catch (SQLException ex) {
      db().rollback();
      throw ex;
    } finally {
      db().setAutoCommit(true);
    }
  }

  /** True for an open row, false for a finished one, null when the call has no row. */
  private Boolean openState(String id) throws SQLException {
    try (PreparedStatement st = db().prepareStatement("SELECT ended_at IS NULL FROM calls WHERE id = ?")) {
      st.setString(1, id);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getBoolean(1) : null;
      }
    }
  }

  /**
   * Closes every row a crashed run left open: cause {@value #INTERRUPTED}, ended at the crashed run's last
   * {@link #heartbeat} (the real end is unknown; it lies between that and the next beat), never before the call's
   * start or answer. Call it once at start, before any call of this run is opened. Returns how many.
   */
  public synchronized int closeInterrupted() throws SQLException {
    long lastBeat = lastHeartbeat();
    try (PreparedStatement st = db().prepareStatement("UPDATE calls SET"
        + " ended_at = GREATEST(started_at, COALESCE(answered_at, 0), ?),"
        + " duration_ms = CASE WHEN answered_at IS NULL THEN 0"
        + "   ELSE GREATEST(0, GREATEST(started_at, answered_at, ?) - answered_at) END,"
        + " cause = ? WHERE ended_at IS NULL AND node = ?")) {
      st.setLong(1, lastBeat);
      st.setLong(2, lastBeat);
      st.setString(3, INTERRUPTED);
      st.setString(4, node);
      return st.executeUpdate();
    }
  }

  /** Notes that the gateway was alive at {@code atMs}: the end given to calls a crash interrupts. Returns it. */
  public synchronized long heartbeat(long atMs) throws SQLException {
    try (PreparedStatement update = db().prepareStatement("UPDATE heartbeat SET at = ? WHERE node = ?")) {
      update.setLong(1, atMs);
      update.setString(2, node);
      if (update.executeUpdate() == 0) {
        try (PreparedStatement insert = db().prepareStatement("INSERT INTO heartbeat (at, node) VALUES (?, ?)")) {
          insert.setLong(1, atMs);
          insert.setString(2, node);
          insert.executeUpdate();
        }
      }
    }
    return atMs;
  }

  private long lastHeartbeat() throws SQLException {
    try (PreparedStatement st = db().prepareStatement("SELECT MAX(at) FROM heartbeat WHERE node = ?")) {
      st.setString(1, node);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private boolean exists(String id) throws SQLException {
    try (PreparedStatement st = db().prepareStatement("SELECT 1 FROM calls WHERE id = ?")) {
      st.setString(1, id);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** One page of finished calls (interrupted ones included) matching the query, newest first. */
  public synchronized HistoryPage find(HistoryQuery q) throws SQLException {
    String where = " WHERE ended_at IS NOT NULL AND started_at >= ? AND started_at < ?"
        + (q.number() == null ? "" : " AND (from_uri LIKE ? ESCAPE '\\' OR to_uri LIKE ? ESCAPE '\\')");
    long total;
    try (PreparedStatement st = db().prepareStatement("SELECT COUNT(*) FROM calls" + where)) {
      bind(st, q);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        total = rs.getLong(1);
      }
    }
    Map<String, HistoryEntry> page = new LinkedHashMap<>();
    try (PreparedStatement st = db().prepareStatement("SELECT id, direction, from_uri, to_uri, sip_call_id,"
        + " started_at, answered_at, ended_at, duration_ms, cause, ivr_path, recording_path, recording_ms FROM calls"
        + where
        + " ORDER BY started_at DESC, id LIMIT ? OFFSET ?")) {
      int next = bind(st, q);
      st.setInt(next, q.size());
      st.setLong(next + 1, q.offset());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          page.put(rs.getString(1), new HistoryEntry(rs.getString(1), direction(rs.getString(2)), rs.getString(3),
              rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
              rs.getString(10), List.of(), steps(rs.getString(11)), rs.getString(12), rs.getLong(13)));
        }
      }
    }
    Map<String, List<HistoryLeg>> legs = legsOf(page.keySet());
    List<HistoryEntry> items = new ArrayList<>();
    for (HistoryEntry e : page.values()) {
      items.add(new HistoryEntry(e.id(), e.direction(), e.from(), e.to(), e.sipCallId(), e.startedAt(),
          e.answeredAt(), e.endedAt(), e.durationMs(), e.cause(), legs.getOrDefault(e.id(), List.of()), e.ivrPath(),
          e.recording(), e.recordingMs()));
    }
    return new HistoryPage(total, q.page(), q.size(), items);
  }

  /** Binds the WHERE parameters; returns the index of the next parameter. */
  private static int bind(PreparedStatement st, HistoryQuery q) throws SQLException {
    st.setLong(1, q.fromMs());
    st.setLong(2, q.toMs());
    if (q.number() == null) {
      return 3;
    }
    String like = "%" + q.number().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    st.setString(3, like);
    st.setString(4, like);
    return 5;
  }

  private Map<String, List<HistoryLeg>> legsOf(Collection<String> ids) throws SQLException {
    Map<String, List<HistoryLeg>> out = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
    try (PreparedStatement st = db().prepareStatement("SELECT call_id, kind, peer, codec FROM call_legs"
        + " WHERE call_id IN (" + marks + ") ORDER BY call_id, leg_index")) {
      int i = 1;
      for (String id : ids) {
        st.setString(i++, id);
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new HistoryLeg(LegKind.fromWire(rs.getString(2)), rs.getString(3), codec(rs.getString(4))));
        }
      }
    }
    return out;
  }

  /** The IVR path as stored: one step a line; none for a call without an IVR. */
  private static List<String> steps(String stored) {
    return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split("\n"));
  }

  /** The recording file of a stored call, or empty when it was not recorded (or is not stored). */
  public synchronized Optional<Path> recordingOf(String callId) throws SQLException {
    try (PreparedStatement st = db().prepareStatement("SELECT recording_path FROM calls WHERE id = ?")) {
      st.setString(1, callId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getString(1) != null ? Optional.of(Path.of(rs.getString(1))) : Optional.empty();
      }
    }
  }

  private static CallDirection direction(String stored) {
    return stored == null ? null : CallDirection.fromWire(stored);
  }

  /**
   * A stored codec name this build no longer (or not yet) knows reads as none: the page is still shown rather
   * than the whole query failing over one old row.
   */
  private static CodecType codec(String stored) {
    return stored == null ? null : CodecType.byConfigName(stored).orElse(null);
  }

  /**
   * Deletes the calls that started before {@code cutoffMs} (their legs go with them, and their recording files);
   * returns how many calls.
   */
  public synchronized int deleteStartedBefore(long cutoffMs) throws SQLException {
    deleteRecordingsStartedBefore(cutoffMs);
    try (PreparedStatement st = db().prepareStatement("DELETE FROM calls WHERE started_at < ?")) {
      st.setLong(1, cutoffMs);
      return st.executeUpdate();
    }
  }

  /** Deletes the files first: a file left by a failed delete would be kept by nothing. */
  private void deleteRecordingsStartedBefore(long cutoffMs) throws SQLException {
    try (PreparedStatement st = db().prepareStatement(
        "SELECT recording_path FROM calls WHERE started_at < ? AND recording_path IS NOT NULL")) {
      st.setLong(1, cutoffMs);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Path file = Path.of(rs.getString(1));
          try {
            Files.deleteIfExists(file);
          } catch (IOException e) {
            LOG.log(Level.WARNING, "history retention: recording " + file + " not deleted: " + e.getMessage(), e);
          }
        }
      }
    }
  }

  /** The schema version of the open database. */
  public synchronized int schemaVersion() throws SQLException {
    return HistorySchema.version(db());
  }

  @Override
  public synchronized void close() throws SQLException {
    database.close();
  }
}
