package io.voicegateway.config;

import java.nio.file.Path;

/**
 * The {@code history:} section: where finished calls are kept.
 *
 * @param enabled whether finished calls are recorded at all
 * @param dataDir the directory that holds the history database file; created on first start
 */
public record HistoryConfig(boolean enabled, Path dataDir) {
  /** The default directory, relative to the gateway's working directory. */
  public static final Path DEFAULT_DATA_DIR = Path.of("data");

  /** No history is kept (configurations built in code, e.g. by tests that do not ask for one). */
  public static HistoryConfig disabled() {
    return new HistoryConfig(false, DEFAULT_DATA_DIR);
  }
}
