package io.voicegateway.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a reload changes: the sections applied at run time ({@link #RELOADABLE}: devices, providers and their
 * registrations, routes, and the apps' sections: IVR menus, voicemail boxes, conference rooms, prompts) and the
 * keys of the others that differ from the running configuration, which need a restart (ports, addresses, TLS
 * files, the RTP port range, the data directory, cluster, …) and are left as they are.
 *
 * <p>The sections are walked through {@link GatewayConfig}'s record components rather than named one by one,
 * so a section added later is "needs restart" until someone makes it reloadable, and {@link #merge} keeps
 * compiling whatever sections the record gains.
 *
 * @param applied      one line per reloadable section that changed, e.g. {@code devices: +carol -bob ~alice}
 * @param needsRestart the YAML key paths that differ but cannot change at run time, e.g. {@code media.sip_port}
 */
public record ConfigDiff(List<String> applied, List<String> needsRestart) {
  /** The sections a reload puts in force; every other one needs a restart. */
  public static final Set<String> RELOADABLE = Set.of("providers", "devices", "routes", "prompts", "ivr",
      "voicemail", "conferences");
  /** Providers made from {@code media.registrations} (ids {@code registration-N}): they follow the media section. */
  private static final String MEDIA_REGISTRATION = "registration-";
  /** Record component names whose YAML key is not their snake_case form. */
  private static final Map<String, String> YAML_KEYS = Map.of(
      "media.sipTransports", "media.sip_transport",
      "media.rtpPortMin", "media.rtp_port_range",
      "media.rtpPortMax", "media.rtp_port_range");

  /** True when the file changed nothing the running gateway has. */
  public boolean empty() {
    return applied.isEmpty() && needsRestart.isEmpty();
  }

  public static ConfigDiff between(GatewayConfig running, GatewayConfig next) {
    List<String> applied = new ArrayList<>();
    Set<String> restart = new LinkedHashSet<>();
    for (RecordComponent section : GatewayConfig.class.getRecordComponents()) {
      String name = section.getName();
      Object before = read(section, running);
      Object after = read(section, next);
      if (name.equals("providers")) {
        named(applied, name, userProviders(running), userProviders(next), ProviderConfig::id);
      } else if (name.equals("devices")) {
        named(applied, name, running.devices(), next.devices(), DeviceConfig::id);
      } else if (name.equals("routes")) {
        if (!before.equals(after)) {
          applied.add("routes: " + running.routes().size() + " → " + next.routes().size());
        }
      } else if (name.equals("ivr")) {
        named(applied, name, menus(running), menus(next), IvrMenu::name);
      } else if (name.equals("voicemail")) {
        named(applied, name, List.copyOf(running.voicemail().boxes().values()),
            List.copyOf(next.voicemail().boxes().values()), VoicemailBox::name);
        if (!Objects.equals(running.voicemail().accessNumber(), next.voicemail().accessNumber())) {
          applied.add("voicemail.access_number: " + next.voicemail().accessNumber());
        }
      } else if (name.equals("conferences")) {
        named(applied, name, running.conferences().rooms(), next.conferences().rooms(), ConferencesConfig.Room::name);
      } else if (name.equals("prompts")) {
        List<String> keys = keys(name, before, after, running, next);
        if (!keys.isEmpty()) {
          applied.add("prompts: " + keys.stream().map(k -> "~" + k.substring("prompts.".length()))
              .collect(Collectors.joining(" ")));
        }
      } else if (!Objects.equals(before, after)) {
        restart.addAll(keys(name, before, after, running, next));
      }
    }
    return new ConfigDiff(List.copyOf(applied), List.copyOf(restart));
  }

  /**
   * The configuration to put in force: {@code next}'s reloadable sections over everything else of
   * {@code running} (whose keys need a restart), so what runs always matches one consistent file for
   * what can change and the sockets actually bound for what cannot.
   */
  public static GatewayConfig merge(GatewayConfig running, GatewayConfig next) {
    RecordComponent[] sections = GatewayConfig.class.getRecordComponents();
    Object[] values = new Object[sections.length];
    Class<?>[] types = new Class<?>[sections.length];
    for (int i = 0; i < sections.length; i++) {
      String name = sections[i].getName();
      types[i] = sections[i].getType();
      values[i] = read(sections[i], RELOADABLE.contains(name) ? next : running);
      if (name.equals("providers")) {
        List<ProviderConfig> providers = new ArrayList<>(userProviders(next));
        running.providers().stream().filter(p -> p.id().startsWith(MEDIA_REGISTRATION)).forEach(providers::add);
        values[i] = List.copyOf(providers);
      }
    }
    try {
      return GatewayConfig.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("GatewayConfig's canonical constructor", e);
    }
  }

  /** By name: the section's map has no order of its own. */
  private static List<IvrMenu> menus(GatewayConfig config) {
    return config.ivr().menus().values().stream().sorted(java.util.Comparator.comparing(IvrMenu::name)).toList();
  }

  private static List<ProviderConfig> userProviders(GatewayConfig config) {
    return config.providers().stream().filter(p -> !p.id().startsWith(MEDIA_REGISTRATION)).toList();
  }

  /** {@code section: +added -removed ~changed}, by id, or nothing when equal. */
  private static <T> void named(List<String> out, String section, List<T> before, List<T> after,
      Function<T, String> id) {
    Map<String, T> old = before.stream().collect(Collectors.toMap(id, t -> t, (a, b) -> a));
    Map<String, T> now = after.stream().collect(Collectors.toMap(id, t -> t, (a, b) -> a));
    List<String> parts = new ArrayList<>();
    now.keySet().stream().filter(k -> !old.containsKey(k)).forEach(k -> parts.add("+" + k));
    old.keySet().stream().filter(k -> !now.containsKey(k)).forEach(k -> parts.add("-" + k));
    now.forEach((k, v) -> {
      if (old.containsKey(k) && !old.get(k).equals(v)) {
        parts.add("~" + k);
      }
    });
    if (!parts.isEmpty() || !before.equals(after)) {
      out.add(section + ":" + (parts.isEmpty() ? " order" : " " + String.join(" ", parts)));
    }
  }

  /** The keys of a section that differ: its record components by YAML name, or the section as a whole. */
  private static List<String> keys(String section, Object before, Object after, GatewayConfig running,
      GatewayConfig next) {
    if (before == null || after == null || !before.getClass().isRecord()) {
      return List.of(section);
    }
    List<String> keys = new ArrayList<>();
    for (RecordComponent key : before.getClass().getRecordComponents()) {
      String path = section + "." + key.getName();
      if (path.equals("http.apiToken") && running.http().apiTokenGenerated() && next.http().apiTokenGenerated()) {
        continue; // no token in either file: each load draws a fresh one, which is no change
      }
      if (path.equals("http.apiTokenGenerated")) {
        continue; // said by http.api_token itself
      }
      if (!Objects.equals(read(key, before), read(key, after))) {
        keys.add(YAML_KEYS.getOrDefault(path, section + "." + snake(key.getName())));
      }
    }
    return keys; // empty when only a skipped key (a drawn token) differs
  }

  private static Object read(RecordComponent component, Object record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("reading " + component.getName(), e);
    }
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
