package io.voicegateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the {@code streaming:} section: a mapping of stream names to {@code {url, headers, custom_parameters,
 * tracks, encoding, bidirectional, on_disconnect, reconnect_attempts, connect_timeout, max_queued,
 * noise_suppression, normalize}}. Errors name
 * the key (exit 2).
 */
final class StreamingSectionReader {
  static final List<String> KEYS = List.of("url", "headers", "custom_parameters", "tracks", "encoding",
      "bidirectional", "on_disconnect", "reconnect_attempts", "connect_timeout", "max_queued", "noise_suppression",
      "normalize");
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DEFAULT_MAX_QUEUED = Duration.ofSeconds(2);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  /** An HTTP header name (RFC 9110 token). */
  private static final Pattern HEADER = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  /** Headers the WebSocket handshake sets itself. */
  private static final List<String> RESERVED_HEADERS = List.of("host", "upgrade", "connection", "sec-websocket-key",
      "sec-websocket-version", "sec-websocket-extensions", "content-length");

  private StreamingSectionReader() {}

  static StreamingConfig read(ConfigValue section) {
    Map<String, StreamingConfig.Stream> streams = new LinkedHashMap<>();
    for (String name : section.keys()) {
      ConfigValue item = section.asMap(section.keys()).get(name);
      if (!NAME.matcher(name).matches()) {
        throw item.error("'" + name + "' is not a valid stream name; use letters, digits, _ . - (up to 64)");
      }
      streams.put(name, stream(name, item.asMap(KEYS)));
    }
    return new StreamingConfig(streams);
  }

  /** A route's {@code stream: NAME} must name a stream once the section has any (a typo would only feed the bus). */
  static void checkRoutes(ConfigValue routesValue, List<RouteConfig> routes, StreamingConfig streaming) {
    if (routesValue.isUnset() || streaming.streams().isEmpty()) {
      return;
    }
    List<ConfigValue> items = routesValue.asList(false);
    for (int i = 0; i < routes.size(); i++) {
      String name = routes.get(i).stream();
      if (name != null && streaming.stream(name).isEmpty()) {
        ConfigValue at = items.get(i).asMap(RoutesReader.KEYS).get("stream");
        throw at.error("unknown stream " + at.shown()
            + KeySuggestion.closest(name, streaming.streams().keySet()).map(k -> " (did you mean '" + k + "'?)")
                .orElse("") + "; known: " + String.join(", ", streaming.streams().keySet()));
      }
    }
  }

  private static StreamingConfig.Stream stream(String name, ConfigMap map) {
    URI url = url(map.get("url"));
    Duration connectTimeout = map.positiveDuration("connect_timeout", DEFAULT_CONNECT_TIMEOUT);
    Duration maxQueued = map.positiveDuration("max_queued", DEFAULT_MAX_QUEUED);
    if (maxQueued.toMillis() < 20) {
      throw map.get("max_queued").error("must hold at least one 20 ms frame");
    }
    return new StreamingConfig.Stream(name, url, headers(map.get("headers")),
        strings(map.get("custom_parameters")),
        map.value("tracks", StreamingConfig.Tracks.INBOUND, v -> oneOf(v, StreamingConfig.Tracks.class)),
        map.value("encoding", StreamingConfig.Encoding.MULAW_8000, StreamingSectionReader::encoding),
        map.bool("bidirectional", true),
        map.value("on_disconnect", StreamingConfig.OnDisconnect.HANGUP,
            v -> oneOf(v, StreamingConfig.OnDisconnect.class)),
        map.integer("reconnect_attempts", 0, 0, 100), connectTimeout, maxQueued,
        new StreamingConfig.Cleaning(map.value("noise_suppression", StreamingConfig.NoiseSuppression.OFF,
            v -> oneOf(v, StreamingConfig.NoiseSuppression.class)), map.bool("normalize", false)));
  }

  private static URI url(ConfigValue value) {
    if (value.isUnset()) {
      throw value.error("required: the consumer's WebSocket URL (ws://host:port/path or wss://…)");
    }
    String text = value.asText().strip();
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("ws") && !scheme.equals("wss")) {
        throw value.error(value.shown() + " is not a WebSocket URL; it must start with ws:// or wss://");
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        throw value.error(value.shown() + " names no host; write ws://host:port/path");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw value.error(value.shown() + " is not a valid URL: " + e.getReason());
    }
  }

  private static Map<String, String> headers(ConfigValue value) {
    Map<String, String> headers = strings(value);
    for (String name : headers.keySet()) {
      ConfigValue at = new ConfigValue(null, KeyPath.child(value.path(), name));
      if (!HEADER.matcher(name).matches()) {
        throw at.error("'" + name + "' is not a valid HTTP header name");
      }
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw at.error("the WebSocket handshake sets " + name + " itself");
      }
      if (headers.get(name).indexOf('\r') >= 0 || headers.get(name).indexOf('\n') >= 0) {
        throw at.error("a header value must be one line");
      }
    }
    return headers;
  }

  /** A mapping of names to scalar values, kept as text in file order. */
  private static Map<String, String> strings(ConfigValue value) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> keys = value.keys();
    ConfigMap map = value.asMap(keys);
    for (String key : keys) {
      ConfigValue item = map.get(key);
      if (!item.isScalar()) {
        throw item.error("expected a single value (text or number), got " + item.shown());
      }
      out.put(key, item.isUnset() ? "" : item.asText());
    }
    return out;
  }

  private static StreamingConfig.Encoding encoding(ConfigValue value) {
    List<String> keys = Arrays.stream(StreamingConfig.Encoding.values()).map(StreamingConfig.Encoding::key).toList();
    String text = value.asOneOf(keys);
    return Arrays.stream(StreamingConfig.Encoding.values()).filter(e -> e.key().equals(text)).findFirst()
        .orElseThrow();
  }

  private static <E extends Enum<E>> E oneOf(ConfigValue value, Class<E> type) {
    List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
        .toList();
    return Enum.valueOf(type, value.asOneOf(names).toUpperCase(Locale.ROOT));
  }
}
