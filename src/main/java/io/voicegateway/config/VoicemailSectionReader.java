package io.voicegateway.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the {@code voicemail:} section into a {@link VoicemailConfig}; owners are checked against the devices, and
 * the routes' {@code voicemail:} targets against the boxes, so a typo stops the start-up.
 */
final class VoicemailSectionReader {
  static final List<String> KEYS = List.of("access_number", "boxes");
  static final List<String> BOX_KEYS = List.of("greeting", "owners", "max_length", "pin", "silence_timeout");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Pattern DIALABLE = Pattern.compile("[0-9*#+]{1,32}");
  private static final Pattern PIN = Pattern.compile("[0-9]{1,16}");
  /** A message shorter than this would be dropped anyway (messages under a second are). */
  private static final Duration MIN_MAX_LENGTH = Duration.ofSeconds(2);
  private static final Duration MIN_SILENCE = Duration.ofMillis(500);

  private VoicemailSectionReader() {}

  static VoicemailConfig read(ConfigValue section, List<DeviceConfig> devices) {
    if (section.isUnset()) {
      return VoicemailConfig.defaults();
    }
    ConfigMap map = section.asMap(KEYS);
    Set<String> deviceIds = devices.stream().map(DeviceConfig::id).collect(Collectors.toSet());
    ConfigValue boxesValue = map.get("boxes");
    Map<String, VoicemailBox> boxes = new LinkedHashMap<>();
    ConfigMap boxMaps = boxesValue.asMap(boxesValue.keys());
    for (String name : boxesValue.keys()) {
      ConfigValue value = boxMaps.get(name);
      if (!NAME.matcher(name).matches()) {
        throw value.error("'" + name + "' is not a valid box name; use letters, digits, _ . - (up to 64)");
      }
      boxes.put(name, box(name, value.asMap(BOX_KEYS), deviceIds));
    }
    String access = null;
    if (!boxes.isEmpty()) {
      ConfigValue accessValue = map.get("access_number");
      access = map.text("access_number", VoicemailConfig.DEFAULT_ACCESS_NUMBER);
      if (!DIALABLE.matcher(access).matches()) {
        throw accessValue.error(accessValue.shown() + " is not dialable; use digits, *, # or + (up to 32)");
      }
      for (DeviceConfig device : devices) {
        if (access.equals(device.extension())) {
          throw (accessValue.isUnset() ? map.get("boxes") : accessValue).error("the access number " + access
              + " is device " + device.id() + "'s extension; give voicemail another access_number");
        }
      }
    }
    return new VoicemailConfig(access, boxes);
  }

  private static VoicemailBox box(String name, ConfigMap map, Set<String> deviceIds) {
    Prompt greeting = PromptReader.read(map.get("greeting"), VoicemailBox.DEFAULT_GREETING);
    ConfigValue ownersValue = map.get("owners");
    UniqueNames seen = new UniqueNames("owner");
    List<String> owners = ownersValue.isUnset() ? List.of() : ownersValue.asList(true).stream().map(item -> {
      String id = item.asText();
      if (!deviceIds.contains(id)) {
        throw item.error("unknown device " + item.shown() + (deviceIds.isEmpty() ? "; no device is configured"
            : KeySuggestion.closest(id, deviceIds).map(k -> " (did you mean '" + k + "'?)").orElse("")
                + "; known: " + String.join(", ", deviceIds.stream().sorted().toList())));
      }
      return seen.add(item, id);
    }).toList();
    Duration maxLength = map.positiveDuration("max_length", VoicemailBox.DEFAULT_MAX_LENGTH);
    if (maxLength.compareTo(MIN_MAX_LENGTH) < 0) {
      throw map.get("max_length").error(map.get("max_length").shown() + " is too short; at least 2s");
    }
    ConfigValue pinValue = map.get("pin");
    String pin = pinValue.isUnset() ? null : pinValue.asText();
    if (pin != null && !PIN.matcher(pin).matches()) {
      throw pinValue.error("a PIN is 1 to 16 digits; quote it (\"0042\") to keep leading zeros");
    }
    Duration silence = map.positiveDuration("silence_timeout", VoicemailBox.DEFAULT_SILENCE_TIMEOUT);
    if (silence.compareTo(MIN_SILENCE) < 0) {
      throw map.get("silence_timeout").error(map.get("silence_timeout").shown() + " is too short; at least 500ms");
    }
    return new VoicemailBox(name, greeting, owners, maxLength, pin, silence);
  }

  /** Every {@code voicemail: BOX} of the routes (also as {@code on_no_answer}) names a box, once boxes are given. */
  static void checkRoutes(ConfigValue routesValue, List<RouteConfig> routes, VoicemailConfig voicemail,
      ConfigValue section) {
    if (routesValue.isUnset() || section.isUnset()) {
      return;
    }
    List<ConfigValue> items = routesValue.asList(false);
    for (int i = 0; i < routes.size(); i++) {
      RouteConfig route = routes.get(i);
      ConfigMap map = items.get(i).asMap(RoutesReader.KEYS);
      if (route.voicemail() != null) {
        checkBox(map.get("voicemail"), route.voicemail(), voicemail);
      }
      if (route.onNoAnswer() != null && route.onNoAnswer().kind().equals("voicemail")) {
        checkBox(map.get("on_no_answer").asMap(RoutesReader.FALLBACK_KEYS).get("voicemail"),
            route.onNoAnswer().names().get(0), voicemail);
      }
    }
  }

  private static void checkBox(ConfigValue at, String box, VoicemailConfig voicemail) {
    if (voicemail.box(box).isEmpty()) {
      Set<String> known = voicemail.boxes().keySet();
      throw at.error("unknown voicemail box " + at.shown() + (known.isEmpty() ? "; voicemail.boxes has none"
          : KeySuggestion.closest(box, known).map(k -> " (did you mean '" + k + "'?)").orElse("")
              + "; known: " + String.join(", ", known)));
    }
  }
}
