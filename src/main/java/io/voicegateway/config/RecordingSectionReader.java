package io.voicegateway.config;

import java.util.List;

/** Reads the {@code recording:} section into a {@link RecordingConfig}. */
final class RecordingSectionReader {
  static final List<String> KEYS = List.of();

  private RecordingSectionReader() {}

  static RecordingConfig read(ConfigValue section) {
    return RecordingConfig.defaults();
  }
}
