package io.voicegateway.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads the {@code ivr:} section into an {@link IvrConfig}: menus by name, each with its keys. Every reference (a
 * menu, device, provider, app, voicemail box) is checked here, and so are the routes' {@code ivr:} targets, so a
 * typo stops the start-up with a suggestion instead of failing the first caller.
 */
final class IvrSectionReader {
  static final List<String> KEYS = List.of("greeting", "options", "timeout", "max_retries", "invalid",
      "timeout_prompt", "unavailable", "default", "max_digits", "terminator", "inter_digit_timeout", "ring_timeout");
  static final List<String> ACTIONS = List.of("ring", "call", "menu", "voicemail", "app", "stream", "repeat", "back",
      "hangup", "extension", "dial");
  static final List<String> CALL_KEYS = List.of("number", "provider");
  static final List<String> TERMINATORS = List.of("#", "*");
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  static final int DEFAULT_MAX_RETRIES = 3;
  static final Prompt DEFAULT_INVALID = Prompt.text("Sorry, that is not a valid choice.");
  static final Prompt DEFAULT_UNAVAILABLE = Prompt.text("Sorry, nobody is available.");
  static final int DEFAULT_MAX_DIGITS = 10;
  static final Duration DEFAULT_INTER_DIGIT_TIMEOUT = Duration.ofSeconds(3);
  static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> SCALAR_ACTIONS = List.of("repeat", "back", "hangup", "extension", "dial");
  private static final String KEYS_ALLOWED = "0-9, * or #";

  private final Set<String> menuNames;
  private final Set<String> devices;
  private final Set<String> providers;
  private final Set<String> boxes;

  private IvrSectionReader(Set<String> menuNames, Set<String> devices, Set<String> providers, Set<String> boxes) {
    this.menuNames = menuNames;
    this.devices = devices;
    this.providers = providers;
    this.boxes = boxes;
  }

  /**
   * @param boxes the voicemail boxes configured, or null while the voicemail section names none to check against
   */
  static IvrConfig read(ConfigValue section, List<DeviceConfig> devices, List<ProviderConfig> providers,
      Set<String> boxes) {
    if (section.isUnset()) {
      return IvrConfig.defaults();
    }
    List<String> names = section.keys();
    IvrSectionReader reader = new IvrSectionReader(new TreeSet<>(names),
        devices.stream().map(DeviceConfig::id).collect(Collectors.toSet()),
        providers.stream().map(ProviderConfig::id).collect(Collectors.toSet()), boxes);
    ConfigMap menus = section.asMap(names);
    Map<String, IvrMenu> read = new LinkedHashMap<>();
    for (String name : names) {
      ConfigValue value = menus.get(name);
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
        throw value.error("'" + name + "' is not a valid menu name; use letters, digits, _ . - (up to 64)");
      }
      read.put(name, reader.menu(name, value.asMap(KEYS)));
    }
    return new IvrConfig(read);
  }

  /** Every {@code ivr: NAME} of the routes (also as {@code on_no_answer}) names a menu of {@code ivr}. */
  static void checkRoutes(ConfigValue routesValue, List<RouteConfig> routes, IvrConfig ivr) {
    if (routesValue.isUnset()) {
      return;
    }
    List<ConfigValue> items = routesValue.asList(false);
    for (int i = 0; i < routes.size(); i++) {
      RouteConfig route = routes.get(i);
      ConfigMap map = items.get(i).asMap(RoutesReader.KEYS);
      if (route.ivr() != null) {
        checkMenu(map.get("ivr"), route.ivr(), ivr.menus().keySet());
      }
      if (route.onNoAnswer() != null && route.onNoAnswer().kind().equals("ivr")) {
        checkMenu(map.map("on_no_answer", RoutesReader.FALLBACK_KEYS).get("ivr"), route.onNoAnswer().names().get(0),
            ivr.menus().keySet());
      }
    }
  }

  private IvrMenu menu(String name, ConfigMap map) {
    ConfigValue greeting = map.get("greeting");
    if (greeting.isUnset()) {
      throw greeting.error("required: what the caller hears on entering the menu (text, a .wav file, {text: …}"
          + " or {file: …})");
    }
    Map<Character, IvrAction> options = new LinkedHashMap<>();
    ConfigValue optionsValue = map.get("options");
    if (!optionsValue.isUnset()) {
      List<String> keys = optionsValue.keys();
      ConfigMap optionMap = optionsValue.asMap(keys);
      for (String key : keys) {
        ConfigValue action = optionMap.get(key);
        if (!key.matches("[0-9*#]")) {
          throw action.error("'" + key + "' is not a key of the phone; use one of " + KEYS_ALLOWED
              + " (quote * and # in YAML)");
        }
        options.put(key.charAt(0), action(action));
      }
    }
    char terminator = map.value("terminator", "#", v -> v.asOneOf(TERMINATORS)).charAt(0);
    if (options.containsKey(terminator) && options.values().stream().anyMatch(IvrSectionReader::collects)) {
      // harmless unless a collection is running, but then the key means two things
      throw optionsValue.error("key '" + terminator + "' is both an option and the terminator of this menu's"
          + " digit collection; choose another terminator or option");
    }
    ConfigValue defaultValue = map.get("default");
    IvrAction defaultAction = defaultValue.isUnset() ? new IvrAction.Hangup() : action(defaultValue);
    return new IvrMenu(name, PromptReader.read(greeting, null), options,
        map.positiveDuration("timeout", DEFAULT_TIMEOUT),
        map.integer("max_retries", DEFAULT_MAX_RETRIES, 0, 20),
        PromptReader.read(map.get("invalid"), DEFAULT_INVALID),
        PromptReader.read(map.get("timeout_prompt"), null),
        PromptReader.read(map.get("unavailable"), DEFAULT_UNAVAILABLE),
        defaultAction,
        map.integer("max_digits", DEFAULT_MAX_DIGITS, 1, 32),
        terminator,
        map.positiveDuration("inter_digit_timeout", DEFAULT_INTER_DIGIT_TIMEOUT),
        map.positiveDuration("ring_timeout", DEFAULT_RING_TIMEOUT));
  }

  private static boolean collects(IvrAction action) {
    return action instanceof IvrAction.Extension || action instanceof IvrAction.Dial;
  }

  /** A word ({@code repeat}) or a mapping of one action key ({@code menu: sales}). */
  private IvrAction action(ConfigValue value) {
    if (value.isUnset()) {
      throw value.error("required: an action; one of " + String.join(", ", ACTIONS));
    }
    if (value.isScalar()) {
      return switch (value.asOneOf(SCALAR_ACTIONS)) {
        case "repeat" -> new IvrAction.Repeat();
        case "back" -> new IvrAction.Back();
        case "hangup" -> new IvrAction.Hangup();
        case "extension" -> new IvrAction.Extension();
        default -> new IvrAction.Dial();
      };
    }
    ConfigMap map = value.asMap(ACTIONS);
    List<String> set = ACTIONS.stream().filter(k -> !map.get(k).isUnset()).toList();
    if (set.size() != 1) {
      throw value.error((set.isEmpty() ? "no action" : "several actions (" + String.join(", ", set) + ")")
          + "; give exactly one of " + String.join(", ", ACTIONS));
    }
    String kind = set.get(0);
    ConfigValue arg = map.get(kind);
    return switch (kind) {
      case "ring" -> new IvrAction.Ring(devices(arg));
      case "call" -> call(arg);
      case "menu" -> new IvrAction.Menu(checkMenu(arg, arg.asText(), menuNames));
      case "voicemail" -> new IvrAction.Voicemail(box(arg));
      case "app" -> app(arg);
      case "stream" -> new IvrAction.Stream(arg.asText());
      default -> scalarInMap(kind, arg);
    };
  }

  /** {@code {hangup: true}} is accepted for symmetry with the mapping form. */
  private static IvrAction scalarInMap(String kind, ConfigValue arg) {
    if (!arg.asBoolean()) {
      throw arg.error("write '" + kind + "' alone, or " + kind + ": true");
    }
    return switch (kind) {
      case "repeat" -> new IvrAction.Repeat();
      case "back" -> new IvrAction.Back();
      case "hangup" -> new IvrAction.Hangup();
      case "extension" -> new IvrAction.Extension();
      default -> new IvrAction.Dial();
    };
  }

  private List<String> devices(ConfigValue value) {
    return RoutesReader.devices(value, devices);
  }

  private IvrAction call(ConfigValue value) {
    ConfigMap map = value.asMap(CALL_KEYS);
    ConfigValue number = map.get("number");
    if (number.isUnset() || !number.asText().matches("\\+?[0-9*#]+")) {
      throw number.error((number.isUnset() ? "required" : number.shown() + " is not dialable")
          + ": the number to call, digits with an optional leading +");
    }
    ConfigValue provider = map.get("provider");
    if (provider.isUnset()) {
      throw provider.error("required: the provider to call through" + suggestion("", providers));
    }
    String id = provider.asText();
    if (!providers.contains(id)) {
      throw provider.error("unknown provider " + provider.shown() + suggestion(id, providers));
    }
    return new IvrAction.Call(number.asText(), id);
  }

  private String box(ConfigValue value) {
    String box = value.asText();
    if (boxes != null && !boxes.contains(box)) {
      throw value.error("unknown voicemail box " + value.shown() + suggestion(box, boxes));
    }
    return box;
  }

  private static IvrAction app(ConfigValue value) {
    String[] words = value.asText().strip().split("\\s+", 2);
    if (!RoutesReader.APPS.contains(words[0])) {
      throw value.error("unknown app '" + words[0] + "'" + suggestion(words[0], Set.copyOf(RoutesReader.APPS)));
    }
    return new IvrAction.App(words[0], words.length > 1 ? words[1] : null);
  }

  private static String checkMenu(ConfigValue at, String name, Set<String> menus) {
    if (!menus.contains(name)) {
      throw at.error("unknown IVR menu '" + name + "'" + suggestion(name, menus));
    }
    return name;
  }

  private static String suggestion(String unknown, Set<String> known) {
    return RoutesReader.suggestion(unknown, known);
  }
}
