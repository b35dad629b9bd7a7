package io.voicegateway.config;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Re-reads the configuration the gateway was started with and, when the whole file is valid, puts its reloadable
 * sections in force in the {@link LiveConfig}. A file that does not validate changes nothing and is reported
 * with the same message start-up would exit 2 with (the key named). Not thread-safe: one reload at a time
 * (the gateway runs them on one event loop's blocking queue, in order).
 */
public final class ConfigReload {
  /** How a reload went. */
  public enum Status { APPLIED, UNCHANGED, INVALID }

  /**
   * @param errors       one per problem, each naming its key (empty unless INVALID)
   * @param applied      what changed in the reloadable sections, one line each ({@link ConfigDiff#applied})
   * @param needsRestart the keys that differ but were left as they are until a restart
   */
  public record Outcome(Status status, List<ConfigError> errors, List<String> applied, List<String> needsRestart) {
    static Outcome invalid(ConfigError error) {
      return new Outcome(Status.INVALID, List.of(error), List.of(), List.of());
    }
  }

  /** A problem with the file: the key path ({@code ""} for the file as a whole) and what is wrong. */
  public record ConfigError(String key, String message) {}

  /**
   * What puts a file's apps (IVR menus, voicemail boxes, conference rooms, prompts) in force: the config layer knows
   * no app, so the gateway passes one in.
   */
  public interface AppsStage {
    /** The stage of a gateway without apps. */
    AppsStage NONE = (running, next) -> () -> { };

    /**
     * Blocking (renders the prompts): makes the apps of {@code next} ready, with nothing in force yet.
     *
     * @return what swaps them in; run just before {@code next}'s routes are published, so a new route never
     *     reaches an app that is not there yet
     * @throws ConfigException naming the key of what cannot be made (a prompt that does not render): the reload is
     *     refused and the running apps stay
     */
    Runnable prepare(GatewayConfig running, GatewayConfig next);
  }

  private final LiveConfig live;
  private final Supplier<GatewayConfig> source;
  private final Consumer<GatewayConfig> machineCheck;
  private final AppsStage apps;

  /**
   * @param source       reads and validates the file again (throws {@link ConfigException}), e.g.
   *                     {@code () -> ConfigLoader.load(path, System.getenv())}
   * @param machineCheck what start-up checks beyond the file (a TTS engine that exists); throws
   *                     {@link ConfigException}
   */
  public ConfigReload(LiveConfig live, Supplier<GatewayConfig> source, Consumer<GatewayConfig> machineCheck) {
    this(live, source, machineCheck, AppsStage.NONE);
  }

  /** @param apps prepares and swaps in the apps of a file that changed what they use */
  public ConfigReload(LiveConfig live, Supplier<GatewayConfig> source, Consumer<GatewayConfig> machineCheck,
      AppsStage apps) {
    this.live = Objects.requireNonNull(live);
    this.source = Objects.requireNonNull(source);
    this.machineCheck = Objects.requireNonNull(machineCheck);
    this.apps = Objects.requireNonNull(apps);
  }

  public Outcome reload() {
    GatewayConfig next;
    try {
      next = source.get();
      machineCheck.accept(next);
    } catch (ConfigException e) {
      return Outcome.invalid(new ConfigError(e.keyPath() == null ? "" : e.keyPath(), messageOf(e)));
    } catch (IllegalArgumentException e) {
      return Outcome.invalid(new ConfigError("", e.getMessage()));
    }
    GatewayConfig running = live.get();
    ConfigDiff diff = ConfigDiff.between(running, next);
    if (diff.applied().isEmpty()) {
      return new Outcome(Status.UNCHANGED, List.of(), List.of(), diff.needsRestart());
    }
    GatewayConfig merged = ConfigDiff.merge(running, next);
    Runnable swapApps;
    try {
      swapApps = apps.prepare(running, merged);
    } catch (ConfigException e) {
      return Outcome.invalid(new ConfigError(e.keyPath() == null ? "" : e.keyPath(), messageOf(e)));
    }
    swapApps.run();
    live.publish(merged);
    return new Outcome(Status.APPLIED, List.of(), diff.applied(), diff.needsRestart());
  }

  /** The message without the key path ConfigException already prefixed, since the key travels apart. */
  private static String messageOf(ConfigException e) {
    String m = e.getMessage();
    String prefix = e.keyPath() == null || e.keyPath().isEmpty() ? "" : e.keyPath() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }
}
