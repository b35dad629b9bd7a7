package io.voicegateway.config;

/**
 * The {@code voicemail:} section: voicemail boxes by name and the access number.
 * (Placeholder shape: the engineer building this capability gives it its components and its reader.)
 */
public record VoicemailConfig() {
  /** The section left out: no boxes. */
  public static VoicemailConfig defaults() {
    return new VoicemailConfig();
  }
}
