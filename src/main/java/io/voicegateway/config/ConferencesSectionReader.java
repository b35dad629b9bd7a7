package io.voicegateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the {@code conferences:} section: {@code rooms:} a list of {@code {name, pin, pin_prompt, max_participants,
 * join_tone, leave_tone}}. Errors name the key (exit 2).
 */
final class ConferencesSectionReader {
  static final List<String> KEYS = List.of("rooms");
  static final List<String> ROOM_KEYS = List.of("name", "pin", "pin_prompt", "max_participants", "join_tone",
      "leave_tone");
  /** Keyed in on a phone: digits only, short enough to type. */
  private static final Pattern PIN = Pattern.compile("[0-9]{1,16}");

  private ConferencesSectionReader() {}

  static ConferencesConfig read(ConfigValue section) {
    if (section.isUnset()) {
      return ConferencesConfig.defaults();
    }
    ConfigValue rooms = section.asMap(KEYS).get("rooms");
    if (rooms.isUnset()) {
      return ConferencesConfig.defaults();
    }
    UniqueNames names = new UniqueNames("room name");
    List<ConferencesConfig.Room> read = new ArrayList<>();
    for (ConfigValue item : rooms.asList(false)) {
      ConfigMap room = item.asMap(ROOM_KEYS);
      String name = names.id(room.get("name"));
      ConfigValue pinValue = room.get("pin");
      String pin = null;
      if (!pinValue.isUnset()) {
        pin = pinValue.asText();
        if (!PIN.matcher(pin).matches()) {
          throw pinValue.error("a PIN is 1 to 16 digits (keyed in on the phone, then #)");
        }
      }
      read.add(new ConferencesConfig.Room(name, pin,
          PromptReader.read(room.get("pin_prompt"), ConferencesConfig.DEFAULT_PIN_PROMPT),
          room.integer("max_participants", 0, 0, ConferencesConfig.MOST_MEMBERS), room.bool("join_tone", true), room.bool("leave_tone", true)));
    }
    return new ConferencesConfig(read);
  }
}
