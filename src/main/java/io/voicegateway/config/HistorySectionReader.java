package io.voicegateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Reads the {@code history:} section: whether finished calls are stored, where (the embedded file in
 * {@code data_dir}, or the shared PostgreSQL database of {@code url}), for how long, and this node's name.
 */
final class HistorySectionReader {
  static final List<String> KEYS = List.of("enabled", "data_dir", "retention", "url", "user", "password",
      "node_id");

  private HistorySectionReader() {}

  static HistoryConfig read(ConfigMap history) {
    boolean enabled = history.bool("enabled", true);
    Path dataDir = history.value("data_dir", HistoryConfig.DEFAULT_DATA_DIR, v -> Path.of(v.asText()));
    Duration retention = history.value("retention", HistoryConfig.DEFAULT_RETENTION, ConfigValue::asDuration);
    String url = history.value("url", null, HistorySectionReader::postgresUrl);
    String user = history.value("user", null, ConfigValue::asText);
    String password = history.value("password", null, ConfigValue::asText);
    String nodeId = history.value("node_id", HistoryConfig.DEFAULT_NODE_ID, HistorySectionReader::nodeId);
    return new HistoryConfig(enabled, dataDir, retention, url, user, password, nodeId);
  }

  /** Only PostgreSQL is shared; the embedded H2 file is what leaving {@code url} out means. */
  private static String postgresUrl(ConfigValue v) {
    String url = v.asText().trim();
    if (!url.startsWith("jdbc:postgresql://") || org.postgresql.Driver.parseURL(url, null) == null) {
      throw v.error(v.shown() + " is not a PostgreSQL JDBC URL; write jdbc:postgresql://host:5432/database"
          + " (leave history.url out for the embedded database in history.data_dir)");
    }
    return url;
  }

  private static String nodeId(ConfigValue v) {
    String id = v.asText();
    if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
      throw v.error(v.shown() + " is not a node name; use 1 to 64 letters, digits, '.', '_' or '-'");
    }
    return id;
  }
}
