package io.voicegateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Reads the {@code prompts:} section into a {@link PromptsConfig}. */
final class PromptsSectionReader {
  static final List<String> KEYS = List.of("engine", "voice", "speed", "cache_dir", "http");
  static final List<String> HTTP_KEYS = List.of("url", "model", "voice", "format", "timeout");
  static final List<String> ENGINES = List.of(PromptsConfig.ESPEAK, PromptsConfig.HTTP);
  static final List<String> FORMATS = List.of("wav", "pcm");

  private PromptsSectionReader() {}

  static PromptsConfig read(ConfigValue section) {
    ConfigMap map = section.asMap(KEYS);
    String engine = map.value("engine", PromptsConfig.ESPEAK, v -> v.asOneOf(ENGINES));
    String voice = map.value("voice", PromptsConfig.DEFAULT_VOICE, PromptsSectionReader::voice);
    int speed = map.integer("speed", PromptsConfig.DEFAULT_SPEED, 80, 450);
    Path cacheDir = map.value("cache_dir", null, v -> Path.of(v.asText()));
    ConfigValue httpValue = map.get("http");
    if (engine.equals(PromptsConfig.HTTP) && httpValue.isUnset()) {
      throw httpValue.error("required with engine: http (at least url: the speech server's base URL)");
    }
    // read (and checked) with engine: espeak too, so a typo does not hide until the engine is switched
    PromptsConfig.Http http = httpValue.isUnset() ? null : http(httpValue.asMap(HTTP_KEYS));
    return new PromptsConfig(engine, voice, speed, cacheDir, http);
  }

  private static PromptsConfig.Http http(ConfigMap map) {
    ConfigValue urlValue = map.get("url");
    if (urlValue.isUnset()) {
      throw urlValue.error("required: the speech server's base URL, e.g. http://127.0.0.1:8880");
    }
    String url = urlValue.asText().strip();
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw urlValue.error(urlValue.shown() + " is not an http:// or https:// URL with a host");
      }
    } catch (URISyntaxException e) {
      throw urlValue.error(urlValue.shown() + " is not a URL: " + e.getReason());
    }
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    String model = map.text("model", PromptsConfig.Http.DEFAULT_MODEL);
    String voice = map.text("voice", PromptsConfig.Http.DEFAULT_VOICE);
    String format = map.value("format", PromptsConfig.Http.DEFAULT_FORMAT, v -> v.asOneOf(FORMATS));
    Duration timeout = map.positiveDuration("timeout", PromptsConfig.Http.DEFAULT_TIMEOUT);
    return new PromptsConfig.Http(url, model, voice, format, timeout);
  }

  /** A voice name goes on espeak-ng's command line: no option-like or odd characters. */
  private static String voice(ConfigValue value) {
    String voice = value.asText();
    if (!voice.matches("[A-Za-z0-9][A-Za-z0-9_+.-]*")) {
      throw value.error(value.shown() + " is not an espeak-ng voice name (letters, digits, -, _, + and ., e.g."
          + " en-us or en-gb+f3)");
    }
    return voice;
  }
}
