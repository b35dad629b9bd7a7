package io.voicegateway.config;

import java.nio.file.Path;

/**
 * The {@code recording:} section: where call recordings are written (they are kept as long as the history keeps
 * their call: {@code history.retention}).
 *
 * @param dir the folder that holds the {@code YYYY-MM-DD/<callId>.wav} files; null: {@code recordings} under
 *            {@code history.data_dir}
 */
public record RecordingConfig(Path dir) {
  /** The folder under the history's data directory that holds recordings when {@code dir} is not set. */
  public static final String DEFAULT_FOLDER = "recordings";

  /** The section left out: recordings under the data directory, kept with the history. */
  public static RecordingConfig defaults() {
    return new RecordingConfig(null);
  }

  /** Where recordings go, given the history's data directory. */
  public Path dirUnder(Path historyDataDir) {
    return dir != null ? dir : historyDataDir.resolve(DEFAULT_FOLDER);
  }
}
