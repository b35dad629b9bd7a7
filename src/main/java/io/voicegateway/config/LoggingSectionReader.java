package io.voicegateway.config;

import java.util.List;
import java.util.Locale;

/** Reads the {@code logging:} section. */
final class LoggingSectionReader {
  static final List<String> KEYS = List.of("format");

  private LoggingSectionReader() {}

  static LoggingConfig read(ConfigMap logging) {
    LoggingConfig.Format format = logging.value("format", LoggingConfig.Format.TEXT, v -> {
      String text = v.asText().trim().toLowerCase(Locale.ROOT);
      return switch (text) {
        case "text" -> LoggingConfig.Format.TEXT;
        case "json" -> LoggingConfig.Format.JSON;
        default -> throw v.error("must be text or json, got " + v.shown());
      };
    });
    return new LoggingConfig(format);
  }
}
