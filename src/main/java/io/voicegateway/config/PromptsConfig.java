package io.voicegateway.config;

/**
 * The {@code prompts:} section: which text-to-speech engine renders text prompts and where rendered prompts are cached.
 * (Placeholder shape: the engineer building this capability gives it its components and its reader.)
 */
public record PromptsConfig() {
  /** The section left out: the built-in espeak-ng engine, cached under the data directory. */
  public static PromptsConfig defaults() {
    return new PromptsConfig();
  }
}
