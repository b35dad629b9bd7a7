package io.voicegateway.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Reads the {@code recording:} section into a {@link RecordingConfig}. */
final class RecordingSectionReader {
  static final List<String> KEYS = List.of("dir");

  private RecordingSectionReader() {}

  static RecordingConfig read(ConfigValue section) {
    if (section.isUnset()) {
      return RecordingConfig.defaults();
    }
    ConfigMap map = section.asMap(KEYS);
    return new RecordingConfig(map.value("dir", null, RecordingSectionReader::folder));
  }

  private static Path folder(ConfigValue value) {
    String text = value.asText();
    if (text.isBlank()) {
      throw value.error("must be a folder path (leave it out for recordings under history.data_dir)");
    }
    try {
      return Path.of(text.strip());
    } catch (InvalidPathException e) {
      throw value.error(value.shown() + " is not a valid path: " + e.getReason());
    }
  }
}
