package io.voicegateway.config;

import java.nio.file.Path;
import java.util.List;

/** Reads the {@code history:} section: whether finished calls are stored, and in which directory. */
final class HistorySectionReader {
  static final List<String> KEYS = List.of("enabled", "data_dir");

  private HistorySectionReader() {}

  static HistoryConfig read(ConfigMap history) {
    boolean enabled = history.bool("enabled", true);
    Path dataDir = history.value("data_dir", HistoryConfig.DEFAULT_DATA_DIR, v -> Path.of(v.asText()));
    return new HistoryConfig(enabled, dataDir);
  }
}
