package io.voicegateway.apps;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The apps a gateway offers, by name: what {@code vg.apps.attach} starts and {@code vg.apps.list} lists (the REST
 * API checks an originate's {@code app:NAME} against it). Built once at start-up; immutable.
 */
public final class AppCatalog {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");

  private final Map<String, App> apps;

  private AppCatalog(Map<String, App> apps) {
    this.apps = apps;
  }

  /**
   * @throws IllegalArgumentException for two apps with one name, or a name routes could not spell (lower-case
   *     letters, digits, '-' and '_', starting with a letter)
   */
  public static AppCatalog of(App... apps) {
    Map<String, App> byName = new TreeMap<>();
    for (App app : apps) {
      String name = app.name();
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("app name '" + name + "' must be lower-case letters, digits, - or _");
      }
      if (byName.putIfAbsent(name, app) != null) {
        throw new IllegalArgumentException("two apps are called '" + name + "'");
      }
    }
    return new AppCatalog(byName);
  }

  /** The apps every gateway has: today the echo test. */
  public static AppCatalog builtIn() {
    return of(new EchoApp());
  }

  public Optional<App> find(String name) {
    return Optional.ofNullable(name == null ? null : apps.get(name));
  }

  /** Sorted. */
  public List<String> names() {
    return List.copyOf(apps.keySet());
  }

  /** Every app, sorted by name (the apps verticle starts each once). */
  public List<App> apps() {
    return List.copyOf(apps.values());
  }
}
