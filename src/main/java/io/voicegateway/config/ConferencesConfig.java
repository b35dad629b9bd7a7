package io.voicegateway.config;

/**
 * The {@code conferences:} section: named conference rooms (PIN, tones).
 * (Placeholder shape: the engineer building this capability gives it its components and its reader.)
 */
public record ConferencesConfig() {
  /** The section left out: rooms are made on first use, without a PIN. */
  public static ConferencesConfig defaults() {
    return new ConferencesConfig();
  }
}
