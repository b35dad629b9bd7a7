package io.voicegateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A mapping of the configuration whose keys were checked against the known ones, with typed getters
 * that fall back to a default when a key is unset (absent, null or empty).
 */
final class ConfigMap {
  private final JsonNode node;
  private final String path;

  ConfigMap(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  static ConfigMap empty(String path) {
    return new ConfigMap(JsonNodeFactory.instance.objectNode(), path);
  }

  String path() {
    return path;
  }

  ConfigValue get(String key) {
    return new ConfigValue(node.get(key), KeyPath.child(path, key));
  }

  String text(String key, String defaultValue) {
    return value(key, defaultValue, ConfigValue::asText);
  }

  int integer(String key, int defaultValue, int min, int max) {
    return value(key, defaultValue, v -> v.asInt(min, max));
  }

  int port(String key, int defaultValue) {
    return value(key, defaultValue, ConfigValue::asPort);
  }

  double decimal(String key, double defaultValue, double min, double max) {
    return value(key, defaultValue, v -> v.asDouble(min, max));
  }

  boolean bool(String key, boolean defaultValue) {
    return value(key, defaultValue, ConfigValue::asBoolean);
  }

  /** A duration that must be longer than zero: every timer of the gateway needs a period. */
  Duration positiveDuration(String key, Duration defaultValue) {
    ConfigValue value = get(key);
    if (value.isUnset()) {
      return defaultValue;
    }
    Duration duration = value.asDuration();
    if (duration.isZero()) {
      throw value.error(value.shown() + " must be longer than zero");
    }
    return duration;
  }

  ConfigMap map(String key, List<String> known) {
    return get(key).asMap(known);
  }

  /** The value read by {@code read}, or {@code defaultValue} when the key is unset. */
  <T> T value(String key, T defaultValue, Function<ConfigValue, T> read) {
    ConfigValue value = get(key);
    return value.isUnset() ? defaultValue : read.apply(value);
  }
}
