package io.voicegateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One node of the (already env-substituted) configuration tree together with its key path. Converts it
 * to a Java type or throws a {@link ConfigException} that names the path, shows the bad value and says
 * what is allowed. Strings holding a number or boolean are accepted, because {@code ${VAR}} always
 * yields a string.
 */
final class ConfigValue {
  private static final int MAX_SHOWN = 60;

  private final JsonNode node;
  private final String path;

  ConfigValue(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  String path() {
    return path;
  }

  /** Absent, YAML {@code null} or an empty string: the key takes its default. */
  boolean isUnset() {
    return node == null || node.isMissingNode() || node.isNull() || (node.isTextual() && node.textValue().isEmpty());
  }

  boolean isScalar() {
    return node.isValueNode();
  }

  boolean isList() {
    return node.isArray();
  }

  String asText() {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    throw wrongType("a string");
  }

  /** One of {@code allowed}, exactly as written there. */
  String asOneOf(List<String> allowed) {
    if (!node.isValueNode()) {
      throw wrongType("one of " + String.join(", ", allowed));
    }
    String text = asText();
    if (!allowed.contains(text)) {
      throw error(shown() + " is not allowed; allowed: " + String.join(", ", allowed));
    }
    return text;
  }

  int asInt(int min, int max) {
    String expected = "an integer " + min + ".." + max;
    long value = integral(expected);
    if (value < min || value > max) {
      throw error(shown() + " is out of range; expected " + expected);
    }
    return (int) value;
  }

  /** An integer from a short list of accepted values. */
  int asIntOneOf(List<Integer> allowed) {
    String expected = "one of " + String.join(", ", allowed.stream().map(String::valueOf).toList());
    long value = integral(expected);
    if (!allowed.contains((int) value) || value != (int) value) {
      throw error(shown() + " is not allowed; expected " + expected);
    }
    return (int) value;
  }

  int asPort() {
    return asInt(1, 65535);
  }

  double asDouble(double min, double max) {
    String expected = "a number " + min + ".." + max;
    double value;
    try {
      value = node.isNumber() ? node.doubleValue() : node.isTextual() ? Double.parseDouble(node.textValue()) : Double.NaN;
    } catch (NumberFormatException e) {
      throw wrongType(expected);
    }
    if (Double.isNaN(value)) {
      throw wrongType(expected);
    }
    if (value < min || value > max) {
      throw error(shown() + " is out of range; expected " + expected);
    }
    return value;
  }

  private long integral(String expected) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isTextual() && node.textValue().strip().matches("[+-]?\\d{1,18}")) {
      return Long.parseLong(node.textValue().strip());
    }
    throw wrongType(expected);
  }

  boolean asBoolean() {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      switch (node.textValue().strip().toLowerCase(Locale.ROOT)) {
        case "true":
          return true;
        case "false":
          return false;
        default:
          break;
      }
    }
    throw wrongType("true or false");
  }

  /** See {@link Durations}; a YAML integer means seconds. */
  Duration asDuration() {
    if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
      return Duration.ofSeconds(node.longValue());
    }
    if (node.isTextual()) {
      return Durations.parse(node.textValue(), path);
    }
    throw error(shown() + " is not a duration; write a whole number with a unit ms, s, m or h"
        + " (500ms, 30s, 2m, 1h), or a bare number of seconds");
  }

  /** The elements of a list; a single scalar is taken as a one-element list when {@code scalarAllowed}. */
  List<ConfigValue> asList(boolean scalarAllowed) {
    if (scalarAllowed && node.isValueNode()) {
      return List.of(this);
    }
    if (!node.isArray()) {
      throw wrongType("a list");
    }
    List<ConfigValue> items = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      items.add(new ConfigValue(node.get(i), KeyPath.index(path, i)));
    }
    return items;
  }

  /** A mapping whose keys must all be in {@code known}; an unset value is an empty mapping. */
  ConfigMap asMap(List<String> known) {
    if (isUnset()) {
      return ConfigMap.empty(path);
    }
    if (!node.isObject()) {
      throw error("expected a mapping, got " + shown() + "; keys here: " + String.join(", ", known));
    }
    node.fieldNames().forEachRemaining(key -> {
      if (!known.contains(key)) {
        String hint = KeySuggestion.closest(key, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
        throw new ConfigException(KeyPath.child(path, key),
            "unknown key '" + key + "'" + hint + "; known keys here: " + String.join(", ", known));
      }
    });
    return new ConfigMap(node, path);
  }

  /** The keys of a mapping in file order (names chosen by the user: IVR menus, options); empty when unset. */
  List<String> keys() {
    if (isUnset()) {
      return List.of();
    }
    if (!node.isObject()) {
      throw wrongType("a mapping");
    }
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  ConfigException error(String message) {
    return new ConfigException(path, message);
  }

  private ConfigException wrongType(String expected) {
    return error("expected " + expected + ", got " + shown());
  }

  /** The value as it appears in messages: strings quoted, containers named and abbreviated. */
  String shown() {
    String text = node.isTextual() ? "'" + node.textValue() + "'"
        : node.isArray() ? "a list " + node
        : node.isObject() ? "a mapping " + node
        : node.toString();
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
  }
}
