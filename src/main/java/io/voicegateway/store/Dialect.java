package io.voicegateway.store;

/**
 * The SQL databases the store runs on, and the few statements that differ between them. Everything else (tables,
 * indexes, queries) is written once in SQL both accept; a difference goes here, named for what it does.
 */
public enum Dialect {
  /** The embedded file of a single gateway. */
  H2,
  /** The shared database of several gateways. */
  POSTGRESQL;

  /** The dialect a JDBC URL names. */
  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return H2;
    }
    throw new IllegalArgumentException("not an H2 or PostgreSQL JDBC URL: " + jdbcUrl);
  }

  /** Lets a NOT NULL column hold NULL (H2 1.x's spelling is kept for H2: it is what its databases ran). */
  public String dropNotNull(String table, String column) {
    return "ALTER TABLE " + table + " ALTER COLUMN " + column + (this == H2 ? " SET NULL" : " DROP NOT NULL");
  }

  /** Whether DDL takes part in transactions, so a migration that fails halfway is undone whole. */
  boolean transactionalDdl() {
    return this == POSTGRESQL;
  }
}
