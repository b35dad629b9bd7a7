package io.voicegateway.config;

import io.voicegateway.config.RouteConfig.Direction;
import io.voicegateway.config.RouteConfig.Fallback;
import io.voicegateway.config.RouteConfig.From;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Reads {@code routes:} and checks every reference against the devices and providers already read, so a
 * typo in a device or trunk id stops the start-up instead of failing the first call.
 */
final class RoutesReader {
  static final List<String> TARGETS = List.of("ring", "app", "ivr", "voicemail", "stream", "provider");
  static final List<String> KEYS = List.of("direction", "match", "ring", "app", "ivr", "voicemail", "stream",
      "provider", "strip", "prepend", "ring_timeout", "on_no_answer", "from", "record");
  static final List<String> FALLBACK_KEYS = List.of("ring", "app", "ivr", "voicemail", "stream");
  /** Apps the gateway runs itself ({@code app: NAME [ARGUMENT]}); ivr, voicemail and stream have keys of their own. */
  static final List<String> APPS = List.of("echo", "announce", "conference");
  /** Apps that need their argument: {@code announce} says something, {@code conference} names a room. */
  static final List<String> APPS_WITH_ARGUMENT = List.of("announce", "conference");
  /** A conference room's name, as {@code conferences.rooms[].name} spells one. */
  private static final java.util.regex.Pattern ROOM = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  static final List<String> DIRECTIONS = List.of("inbound", "outbound");
  static final List<String> FROMS = List.of("any", "known", "trunk", "device");
  static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(30);

  private final Set<String> deviceIds;
  private final Set<String> providerIds;

  private RoutesReader(List<DeviceConfig> devices, List<ProviderConfig> providers) {
    this.deviceIds = devices.stream().map(DeviceConfig::id).collect(Collectors.toSet());
    this.providerIds = providers.stream().map(ProviderConfig::id).collect(Collectors.toSet());
  }

  static List<RouteConfig> read(ConfigValue section, List<DeviceConfig> devices, List<ProviderConfig> providers) {
    if (section.isUnset()) {
      return List.of();
    }
    RoutesReader reader = new RoutesReader(devices, providers);
    List<RouteConfig> routes = new ArrayList<>();
    for (ConfigValue item : section.asList(false)) {
      routes.add(reader.readOne(item.asMap(KEYS), item));
    }
    return List.copyOf(routes);
  }

  private RouteConfig readOne(ConfigMap map, ConfigValue item) {
    ConfigValue directionValue = map.get("direction");
    if (directionValue.isUnset()) {
      throw directionValue.error("required: inbound (calls from trunks, or from anywhere where allowed) or"
          + " outbound (calls from registered devices)");
    }
    Direction direction = Direction.valueOf(directionValue.asOneOf(DIRECTIONS).toUpperCase(Locale.ROOT));
    String match = readMatch(map.get("match"));
    String target = singleTarget(map, TARGETS, item);

    List<String> ring = target.equals("ring") ? devices(map.get("ring")) : List.of();
    String app = target.equals("app") ? app(map.get("app")) : null;
    String provider = target.equals("provider") ? provider(map.get("provider")) : null;

    Duration ringTimeout = null;
    Fallback onNoAnswer = null;
    if (target.equals("ring")) {
      ringTimeout = map.positiveDuration("ring_timeout", DEFAULT_RING_TIMEOUT);
      ConfigValue fallback = map.get("on_no_answer");
      onNoAnswer = fallback.isUnset() ? null : fallback(fallback.asMap(FALLBACK_KEYS), fallback);
    } else {
      onlyWithRing(map, "ring_timeout");
      onlyWithRing(map, "on_no_answer");
    }

    From from = readFrom(map.get("from"), direction);
    if (direction == Direction.INBOUND && provider != null && from == From.ANY) {
      throw map.get("from").error("'any' would let unknown callers out through provider '" + provider
          + "' (toll fraud); use known, trunk or device");
    }
    String prepend = map.text("prepend", "");
    if (!prepend.matches("[0-9*#+]*")) {
      throw map.get("prepend").error(map.get("prepend").shown() + " is not dialable; use digits, *, # or +");
    }
    return new RouteConfig(direction, match, ring, app, name(map, target, "ivr"), name(map, target, "voicemail"),
        name(map, target, "stream"), provider, map.integer("strip", 0, 0, 32), prepend, ringTimeout, onNoAnswer,
        from, map.bool("record", false));
  }

  private static String readMatch(ConfigValue value) {
    if (value.isUnset()) {
      throw value.error("required: the called number, exact (\"101\"), a prefix (\"0*\", \"*\" for any) or a"
          + " /regex/");
    }
    String match = value.asText();
    try {
      NumberPattern.of(match);
    } catch (PatternSyntaxException e) {
      throw value.error(value.shown() + " is not a valid regular expression: " + e.getDescription()
          + " near index " + e.getIndex());
    }
    return match;
  }

  /** Exactly one of {@code keys} is set; returns it. */
  private static String singleTarget(ConfigMap map, List<String> keys, ConfigValue at) {
    List<String> set = keys.stream().filter(k -> !map.get(k).isUnset()).toList();
    if (set.size() != 1) {
      String problem = set.isEmpty() ? "no target" : "several targets (" + String.join(", ", set) + ")";
      throw at.error(problem + "; give exactly one of " + String.join(", ", keys));
    }
    return set.get(0);
  }

  private List<String> devices(ConfigValue value) {
    return devices(value, deviceIds);
  }

  /** A device id or a list of them, each configured and named once; at least one (IVR {@code ring:} too). */
  static List<String> devices(ConfigValue value, Set<String> deviceIds) {
    UniqueNames seen = new UniqueNames("device");
    List<String> ids = new ArrayList<>();
    for (ConfigValue item : value.asList(true)) {
      String id = item.asText();
      if (!deviceIds.contains(id)) {
        throw item.error("unknown device " + item.shown() + suggestion(id, deviceIds));
      }
      ids.add(seen.add(item, id));
    }
    if (ids.isEmpty()) {
      throw value.error("the list is empty; name at least one device to ring");
    }
    return List.copyOf(ids);
  }

  private String provider(ConfigValue value) {
    String id = value.asText();
    if (!providerIds.contains(id)) {
      throw value.error("unknown provider " + value.shown() + suggestion(id, providerIds));
    }
    return id;
  }

  private Fallback fallback(ConfigMap map, ConfigValue at) {
    String kind = singleTarget(map, FALLBACK_KEYS, at);
    ConfigValue value = map.get(kind);
    return switch (kind) {
      case "ring" -> new Fallback(kind, devices(value));
      case "app" -> new Fallback(kind, List.of(app(value)));
      default -> new Fallback(kind, List.of(value.asText()));
    };
  }

  /** {@code NAME [ARGUMENT]} with NAME one of {@link #APPS}; as written, for the app to split. */
  private static String app(ConfigValue value) {
    String written = value.asText().strip();
    String[] words = written.split("\\s+", 2);
    if (!APPS.contains(words[0])) {
      throw value.error(value.shown() + " is not allowed; allowed: " + String.join(", ", APPS));
    }
    if (words.length == 1 && APPS_WITH_ARGUMENT.contains(words[0])) {
      throw value.error(words[0].equals("conference") ? "conference needs a room name: conference NAME"
          : words[0] + " needs what to say: " + words[0] + " TEXT, or " + words[0] + " FILE.wav");
    }
    if (words[0].equals("conference") && !ROOM.matcher(words[1]).matches()) {
      throw value.error(value.shown() + ": a room name is letters, digits, _ . - (up to 64): conference NAME");
    }
    return words[0] + (words.length > 1 ? " " + words[1] : "");
  }

  private static From readFrom(ConfigValue value, Direction direction) {
    if (direction == Direction.OUTBOUND) {
      if (!value.isUnset() && !value.asText().equals("device")) {
        throw value.error(value.shown() + " is not allowed on an outbound route: only authenticated devices"
            + " may call out through a trunk; allowed: device");
      }
      return From.DEVICE;
    }
    return value.isUnset() ? From.KNOWN : From.valueOf(value.asOneOf(FROMS).toUpperCase(Locale.ROOT));
  }

  private static void onlyWithRing(ConfigMap map, String key) {
    if (!map.get(key).isUnset()) {
      throw map.get(key).error("only a route that rings devices (ring: […]) has " + key);
    }
  }

  private static String name(ConfigMap map, String target, String key) {
    return target.equals(key) ? map.get(key).asText() : null;
  }

  static String suggestion(String unknown, Set<String> known) {
    if (known.isEmpty()) {
      return "; none is configured";
    }
    String hint = KeySuggestion.closest(unknown, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
    return hint + "; known: " + String.join(", ", known.stream().sorted().toList());
  }
}
