package io.voicegateway.config;

/**
 * The {@code logging:} section: how log lines are written.
 *
 * @param format {@code text} (one human-readable line per record, the default) or {@code json} (one JSON object per
 *               line, for log shippers)
 */
public record LoggingConfig(Format format) {
  /** How each log record is written to the console. */
  public enum Format { TEXT, JSON }

  public static LoggingConfig defaults() {
    return new LoggingConfig(Format.TEXT);
  }
}
