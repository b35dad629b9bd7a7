package io.voicegateway.apps.catalog;

import io.vertx.core.Future;
import io.voicegateway.apps.AppCatalog;
import io.voicegateway.apps.prompts.PromptLibrary;
import io.voicegateway.apps.prompts.Prompts;
import io.voicegateway.config.ConfigException;
import io.voicegateway.config.ConfigReload;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.Prompt;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Puts a reloaded file's apps in force (the gateway's {@link ConfigReload.AppsStage}). {@link #prepare} renders
 * every prompt the new file has, on the reload's worker (text through the TTS engine, a new engine when the
 * {@code prompts:} section changed; what is unchanged comes from the library's cache); a new or changed prompt
 * that does not render refuses the reload with its key, and the running catalog and prompts stay. A prompt the
 * running file already had, under the same engine, is only logged when it fails (as start-up's warm-up does):
 * a prompt file missing since start-up must not block, say, adding a device. Only then does the commit ask
 * the apps verticle to swap the catalog in, between two attaches: calls from then on get the new menus, boxes and
 * rooms, sessions in progress keep what they started with ({@link GatewayApps#reload}).
 */
public final class AppsReload implements ConfigReload.AppsStage {
  /** How long a commit waits for the apps loop to swap the catalog in (it has nothing else to wait for). */
  static final long SWAP_TIMEOUT_SECONDS = 30;
  private static final Logger LOG = Logger.getLogger(AppsReload.class.getName());

  /** Where a new catalog goes: the apps verticle's {@code replace}. */
  @FunctionalInterface
  public interface Target {
    Future<AppCatalog> replace(UnaryOperator<AppCatalog> rebuild);
  }

  private final Function<GatewayConfig, Prompts> libraries;
  private final AppCatalog initial;
  /** What the running catalog speaks from; replaced after a swap, read by the next reload's worker. */
  private volatile Prompts prompts;
  private volatile Target target;

  /**
   * @param prompts   what {@code config}'s apps speak from
   * @param libraries makes the prompts of a file whose {@code prompts:} section changed (engine, voice, cache)
   */
  public AppsReload(GatewayConfig config, Prompts prompts, Function<GatewayConfig, Prompts> libraries) {
    this.prompts = Objects.requireNonNull(prompts);
    this.libraries = Objects.requireNonNull(libraries);
    this.initial = GatewayApps.of(config, prompts);
  }

  /** The gateway's: its prompt library warmed up in the background from now on, as at every start-up. */
  public static AppsReload startUp(GatewayConfig config) {
    PromptLibrary library = PromptLibrary.create(config);
    library.warmUp(GatewayApps.prompts(config), PromptLibrary.backgroundThread());
    return new AppsReload(config, library, PromptLibrary::create);
  }

  /** The catalog to start the apps verticle with. */
  public AppCatalog catalog() {
    return initial;
  }

  /** The apps verticle, once made; until then (or without one) a reload has no apps to swap. */
  public void target(Target apps) {
    this.target = apps;
  }

  @Override
  public Runnable prepare(GatewayConfig running, GatewayConfig next) {
    Target apps = target;
    if (apps == null) {
      return () -> { };
    }
    boolean sameEngine = running.prompts().equals(next.prompts());
    Prompts library = sameEngine ? prompts : libraries.apply(next);
    render(next, library, sameEngine ? GatewayApps.keyedPrompts(running).keySet() : Set.of());
    return () -> {
      await(apps.replace(old -> GatewayApps.reload(old, next, library)));
      prompts = library;
    };
  }

  /**
   * Blocking: every prompt of {@code config}, so that no new call waits for a rendering or finds it failed.
   *
   * @param running the prompts already in force with this library: their failures are logged, not refused
   */
  static void render(GatewayConfig config, Prompts library, Set<Prompt> running) {
    for (Map.Entry<Prompt, String> e : GatewayApps.keyedPrompts(config).entrySet()) {
      try {
        library.load(e.getKey());
      } catch (IOException | RuntimeException failure) {
        if (running.contains(e.getKey())) {
          LOG.warning("configuration reload: " + e.getValue() + ": the prompt " + e.getKey()
              + " still cannot be rendered (" + failure.getMessage() + "); its calls try again");
          continue;
        }
        throw new ConfigException(e.getValue(), "the prompt " + e.getKey() + " cannot be rendered ("
            + failure.getMessage() + "); the running apps and prompts stay");
      }
    }
  }

  private static void await(Future<AppCatalog> swapped) {
    try {
      swapped.toCompletionStage().toCompletableFuture().get(SWAP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the apps could not take the new configuration: " + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the apps loop did not swap the catalog in " + SWAP_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the apps took the new configuration", e);
    }
  }
}
