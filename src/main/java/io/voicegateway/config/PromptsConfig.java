package io.voicegateway.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code prompts:} section: which text-to-speech engine renders text prompts and where rendered prompts are
 * cached.
 *
 * @param engine   {@code espeak} (espeak-ng, run as a separate process) or {@code http} (a neural voice server)
 * @param voice    the espeak-ng voice ({@code en-us}); also the fallback's voice when the HTTP engine fails
 * @param speed    espeak-ng's words per minute
 * @param cacheDir where rendered prompts are kept across restarts; null: {@code <history.data_dir>/prompts}
 * @param http     the HTTP engine's settings; null when not given (only {@code engine: http} needs them)
 */
public record PromptsConfig(String engine, String voice, int speed, Path cacheDir, Http http) {
  public static final String ESPEAK = "espeak";
  public static final String HTTP = "http";
  public static final String DEFAULT_VOICE = "en-us";
  /** espeak-ng's own default rate. */
  public static final int DEFAULT_SPEED = 175;

  /**
   * An OpenAI-compatible speech server ({@code POST {url}/v1/audio/speech}), e.g. Kokoro-FastAPI.
   *
   * @param url     the server's base URL, without {@code /v1/audio/speech}
   * @param model   the request's {@code model}
   * @param voice   the request's {@code voice}
   * @param format  {@code wav}, or {@code pcm} (raw 24 kHz 16-bit mono)
   * @param timeout how long one rendering may take, connecting included, before the fallback speaks
   */
  public record Http(String url, String model, String voice, String format, Duration timeout) {
    public static final String DEFAULT_MODEL = "kokoro";
    public static final String DEFAULT_VOICE = "af_heart";
    public static final String DEFAULT_FORMAT = "wav";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  }

  /** The section left out: the built-in espeak-ng engine, cached under the data directory. */
  public static PromptsConfig defaults() {
    return new PromptsConfig(ESPEAK, DEFAULT_VOICE, DEFAULT_SPEED, null, null);
  }

  /** Where rendered prompts go: {@code cache_dir}, else {@code prompts} under the history's data directory. */
  public Path cacheDir(HistoryConfig history) {
    return cacheDir != null ? cacheDir : history.dataDir().resolve("prompts");
  }
}
