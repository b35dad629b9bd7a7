package io.voicegateway.config;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks that ids, user names and extensions are well formed and used once, naming the first use. */
final class UniqueNames {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private final String what;
  private final Map<String, String> seen = new HashMap<>();

  UniqueNames(String what) {
    this.what = what;
  }

  /** A required id: letters, digits, {@code _ . -}, unique. */
  String id(ConfigValue value) {
    if (value.isUnset()) {
      throw value.error("required: a unique " + what + " (letters, digits, _ . -)");
    }
    String id = value.asText();
    if (!ID.matcher(id).matches()) {
      throw value.error(value.shown() + " is not a valid " + what + "; use letters, digits, _ . - (up to 64)");
    }
    return add(value, id);
  }

  /** Records {@code name} as used at {@code value}'s path; a repeat is an error naming both places. */
  String add(ConfigValue value, String name) {
    String first = seen.putIfAbsent(name, value.path());
    if (first != null) {
      throw value.error(what + " " + value.shown() + " is already used at " + first + "; each must be unique");
    }
    return name;
  }
}
