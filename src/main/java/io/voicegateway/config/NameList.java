package io.voicegateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads a list of names (transports, codecs): a single name or a non-empty list, no unknown, no repeats. */
final class NameList {
  private NameList() {}

  /**
   * @param what    the kind of name, for messages ("codec")
   * @param allowed every accepted name, listed in messages
   * @param known   whether a name is accepted
   */
  static List<String> read(ConfigValue value, String what, List<String> allowed, Predicate<String> known) {
    List<ConfigValue> items = value.asList(true);
    if (items.isEmpty()) {
      throw value.error("the list is empty; name at least one " + what + " of " + String.join(", ", allowed));
    }
    List<String> names = new ArrayList<>(items.size());
    for (ConfigValue item : items) {
      String name = item.asText();
      if (!known.test(name)) {
        throw item.error("unknown " + what + " " + item.shown() + "; allowed: " + String.join(", ", allowed));
      }
      if (names.contains(name)) {
        throw item.error(what + " " + item.shown() + " is listed twice; name each " + what + " once");
      }
      names.add(name);
    }
    return List.copyOf(names);
  }
}
