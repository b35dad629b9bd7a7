package io.voicegateway.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Applies a list of versioned migrations to a database: {@code versionTable} records the last one applied; every
 * later one runs in order and records its version, so a database written by an older gateway is brought up to
 * date and a current one is left alone. Append migrations; never edit an applied one.
 *
 * <p>Why not Flyway: the version tables of the gateways already in use ({@code schema_version},
 * {@code voicemail_schema}) are this runner's; keeping it upgrades their files in place with no baseline step, and
 * the store needs only ordered SQL, one lock and a transaction, not another dozen jars in the fat jar.
 *
 * <p>On PostgreSQL the whole run is one transaction under an advisory lock, so two gateways starting together
 * against one database migrate it once (the second waits, then finds it current) and a migration that fails
 * leaves nothing half done. H2 commits DDL statement by statement: a failure stops start-up with its version in
 * the message (an embedded file has one gateway, so there is nobody to race).
 */
public final class Migrations {
  private Migrations() {}

  /**
   * Applies every migration newer than the database's version; returns the version it started from.
   *
   * @param migrations migration {@code i + 1} is {@code migrations.get(i)}: its statements in order
   */
  public static int migrate(Connection db, Dialect dialect, String versionTable, List<List<String>> migrations)
      throws SQLException {
    boolean autoCommit = db.getAutoCommit();
    if (dialect.transactionalDdl()) {
      db.setAutoCommit(false);
    }
    try (Statement st = db.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        st.execute("SELECT pg_advisory_xact_lock(" + lockKey(versionTable) + ")");
      }
      st.execute("CREATE TABLE IF NOT EXISTS " + versionTable + " (version INT NOT NULL)");
      int current = version(db, versionTable);
      for (int v = current + 1; v <= migrations.size(); v++) {
        try {
          for (String sql : migrations.get(v - 1)) {
            st.execute(sql);
          }
          st.execute("DELETE FROM " + versionTable);
          st.execute("INSERT INTO " + versionTable + " (version) VALUES (" + v + ")");
        } catch (SQLException e) {
          throw new SQLException(versionTable + " migration to version " + v + " failed: " + e.getMessage(), e);
        }
      }
      if (!db.getAutoCommit()) {
        db.commit();
      }
      return current;
    } catch (SQLException e) {
      if (!db.getAutoCommit()) {
        db.rollback();
      }
      throw e;
    } finally {
      db.setAutoCommit(autoCommit);
    }
  }

  /** The version recorded in {@code versionTable}; 0 when none is. */
  public static int version(Connection db, String versionTable) throws SQLException {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT MAX(version) FROM " + versionTable)) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** One advisory lock per version table, the same number in every gateway (String.hashCode is specified). */
  private static long lockKey(String versionTable) {
    return 0x5647_0000_0000L | (versionTable.hashCode() & 0xffff_ffffL);
  }
}
