package io.voicegateway.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code history:} section: where finished calls are kept.
 *
 * @param enabled   whether finished calls are recorded at all
 * @param dataDir   the directory that holds the history database file; created on first start
 * @param retention how long a call is kept after it started; zero keeps every call
 */
public record HistoryConfig(boolean enabled, Path dataDir, Duration retention) {
  /** The default directory, relative to the gateway's working directory. */
  public static final Path DEFAULT_DATA_DIR = Path.of("data");
  /** The default retention: a quarter of a year of calls, for billing disputes, without growing forever. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

  /** No history is kept (configurations built in code, e.g. by tests that do not ask for one). */
  public static HistoryConfig disabled() {
    return new HistoryConfig(false, DEFAULT_DATA_DIR, DEFAULT_RETENTION);
  }
}
