package io.voicegateway.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the duration notation of the configuration: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h},
 * {@code 90d}, or a bare integer meaning seconds. Written by hand because ISO-8601 ({@link Duration#parse}) is not
 * what people write in YAML and the original configuration used this short form.
 */
final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?");

  private Durations() {}

  /** @throws ConfigException naming {@code keyPath} and the text when it is not a duration */
  static Duration parse(String text, String keyPath) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new ConfigException(keyPath, "'" + text + "' is not a duration; write a whole number with a unit"
          + " ms, s, m, h or d (500ms, 30s, 2m, 1h, 90d), or a bare number of seconds");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> Duration.ofSeconds(amount);
    };
  }
}
