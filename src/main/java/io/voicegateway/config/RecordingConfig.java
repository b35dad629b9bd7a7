package io.voicegateway.config;

/**
 * The {@code recording:} section: where call recordings are written and how long they are kept.
 * (Placeholder shape: the engineer building this capability gives it its components and its reader.)
 */
public record RecordingConfig() {
  /** The section left out: recordings under the data directory, kept with the history. */
  public static RecordingConfig defaults() {
    return new RecordingConfig();
  }
}
