package io.voicegateway.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code history:} section: where finished calls are kept (and, in the same database, the voicemail index and
 * the recordings' index).
 *
 * @param enabled   whether finished calls are recorded at all
 * @param dataDir   the directory that holds the embedded database file when {@code url} is not set, and the
 *                  voicemail audio, recordings (unless {@code recording.dir}) and prompt cache in every case;
 *                  created on first start
 * @param retention how long a call is kept after it started; zero keeps every call
 * @param url       a shared PostgreSQL database ({@code jdbc:postgresql://host:port/db}); null: the embedded H2
 *                  file {@code history.mv.db} in {@code dataDir}, as a single gateway always had
 * @param user      the database user for {@code url}; null: none (the driver's default)
 * @param password  its password; null: none
 * @param nodeId    this gateway's name in the rows it writes, so that after a crash it closes only its own open
 *                  calls; {@value #DEFAULT_NODE_ID} for a single gateway
 */
public record HistoryConfig(boolean enabled, Path dataDir, Duration retention, String url, String user,
    String password, String nodeId) {
  /** The default directory, relative to the gateway's working directory. */
  public static final Path DEFAULT_DATA_DIR = Path.of("data");
  /** The default retention: a quarter of a year of calls, for billing disputes, without growing forever. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
  /** The node name of a gateway that runs alone (and of every row written before nodes were named). */
  public static final String DEFAULT_NODE_ID = "local";
  /** The embedded database's file in {@code dataDir}, without H2's {@code .mv.db}. */
  public static final String H2_FILE = "history";

  /** The embedded store in {@code dataDir}, node {@value #DEFAULT_NODE_ID}. */
  public HistoryConfig(boolean enabled, Path dataDir, Duration retention) {
    this(enabled, dataDir, retention, null, null, null, DEFAULT_NODE_ID);
  }

  /** No history is kept (configurations built in code, e.g. by tests that do not ask for one). */
  public static HistoryConfig disabled() {
    return new HistoryConfig(false, DEFAULT_DATA_DIR, DEFAULT_RETENTION);
  }

  /** Whether the store is a shared database (several gateways) rather than the embedded file. */
  public boolean shared() {
    return url != null;
  }

  /**
   * The JDBC URL of the store: {@code url}, or the embedded file. H2 writes each commit to the file at once
   * ({@code WRITE_DELAY=0}), so a row committed before a {@code kill -9} is on disk.
   */
  public String jdbcUrl() {
    return url != null ? url
        : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(H2_FILE) + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
  }

  /** The same store seen from another directory (tests). */
  public HistoryConfig withDataDir(Path dir) {
    return new HistoryConfig(enabled, dir, retention, url, user, password, nodeId);
  }

  /** For logs and errors: the URL without a password that someone may have written into it. */
  public String describe() {
    return url == null ? dataDir.toAbsolutePath().resolve(H2_FILE + ".mv.db").toString()
        : url.replaceAll("(?i)password=[^&;]*", "password=***");
  }

  @Override
  public String toString() {
    return "HistoryConfig[enabled=" + enabled + ", store=" + describe() + ", user=" + user + ", node=" + nodeId
        + ", retention=" + retention + "]";
  }
}
