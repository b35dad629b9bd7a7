package io.voicegateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Reads the {@code history:} section: whether finished calls are stored, where, and for how long. */
final class HistorySectionReader {
  static final List<String> KEYS = List.of("enabled", "data_dir", "retention");

  private HistorySectionReader() {}

  static HistoryConfig read(ConfigMap history) {
    boolean enabled = history.bool("enabled", true);
    Path dataDir = history.value("data_dir", HistoryConfig.DEFAULT_DATA_DIR, v -> Path.of(v.asText()));
    Duration retention = history.value("retention", HistoryConfig.DEFAULT_RETENTION, ConfigValue::asDuration);
    return new HistoryConfig(enabled, dataDir, retention);
  }
}
