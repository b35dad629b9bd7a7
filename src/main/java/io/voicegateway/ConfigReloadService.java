package io.voicegateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.ConfigCommands;
import io.voicegateway.config.ConfigReload;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.LiveConfig;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Serves {@link Addresses#CONFIG_RELOAD} (the REST API's {@code POST /api/v1/config/reload} and {@link Main}'s
 * SIGHUP): re-reads the file through {@link ConfigReload} off the event loop, one reload at a time, logs one line
 * per error (or what was applied and what needs a restart), counts {@code vg_config_reloads_total{status}} and
 * publishes {@code CONFIG_RELOADED} on {@link Addresses#CONFIG_EVENTS}, which the SIP side follows to reconcile
 * what it runs (trunk registrations, bindings of removed devices). The apps' part (render the new prompts, swap
 * the catalog in before the routes are published) is the stage the gateway hands it ({@link #apps}).
 */
final class ConfigReloadService {
  private static final Logger LOG = Logger.getLogger(ConfigReloadService.class.getName());
  private final Vertx vertx;
  private final LiveConfig live;
  private final Map<ConfigReload.Status, Counter> counts = new EnumMap<>(ConfigReload.Status.class);
  /** Null until the launcher says which file the gateway was started with (code-built gateways have none). */
  private volatile ConfigReload reload;
  /** Puts a reloaded file's apps in force; none until the apps are made. */
  private volatile ConfigReload.AppsStage apps = ConfigReload.AppsStage.NONE;

  ConfigReloadService(Vertx vertx, LiveConfig live, MeterRegistry registry) {
    this.vertx = vertx;
    this.live = live;
    for (ConfigReload.Status s : ConfigReload.Status.values()) {
      counts.put(s, Counter.builder("vg_config_reloads").description("configuration reloads by outcome")
          .tag("status", s.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
    }
    vertx.eventBus().<ConfigCommands.Reload>consumer(Addresses.CONFIG_RELOAD, this::serve);
  }

  /** The gateway's apps: reloads render their prompts and swap their catalog ({@code apps.catalog.AppsReload}). */
  void apps(ConfigReload.AppsStage stage) {
    this.apps = stage;
  }

  /** From now on reloads re-read {@code source} (the file at start-up, with the same environment). */
  void reloadFrom(Supplier<GatewayConfig> source) {
    this.reload = new ConfigReload(live, source, io.voicegateway.apps.catalog.GatewayApps::check,
        (running, next) -> apps.prepare(running, next));
  }

  /** Asks for a reload over the bus, as the API does. */
  Future<ConfigCommands.Reloaded> request(String by) {
    return vertx.eventBus().<ConfigCommands.Reloaded>request(Addresses.CONFIG_RELOAD, new ConfigCommands.Reload(by),
        new DeliveryOptions().setSendTimeout(30_000)).map(Message::body);
  }

  private void serve(Message<ConfigCommands.Reload> msg) {
    ConfigReload r = reload;
    if (r == null) {
      msg.fail(409, "the gateway was started without a configuration file: nothing to reload");
      return;
    }
    String by = msg.body().by();
    vertx.executeBlocking(r::reload, true).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warning("configuration reload (" + by + ") failed: " + ar.cause());
        msg.fail(500, "reload failed: " + ar.cause().getMessage());
        return;
      }
      ConfigReload.Outcome o = ar.result();
      counts.get(o.status()).increment();
      log(by, o);
      ConfigCommands.Reloaded event = new ConfigCommands.Reloaded(ConfigCommands.Reloaded.TYPE, o.status().name(), by,
          o.errors().stream().map(e -> new ConfigCommands.Problem(e.key(), e.message())).toList(), o.applied(),
          o.needsRestart(), System.currentTimeMillis());
      vertx.eventBus().publish(Addresses.CONFIG_EVENTS, event);
      msg.reply(event);
    });
  }

  /** One line per error, so a bad file is fully visible in a journal (each line names its key). */
  private static void log(String by, ConfigReload.Outcome o) {
    switch (o.status()) {
      case INVALID -> o.errors().forEach(e -> LOG.warning("configuration reload (" + by + ") refused, nothing changed: "
          + (e.key().isEmpty() ? "" : e.key() + ": ") + e.message()));
      case UNCHANGED -> LOG.info("configuration reload (" + by + "): nothing reloadable changed");
      case APPLIED -> LOG.info("configuration reload (" + by + ") applied: " + String.join("; ", o.applied()));
    }
    if (!o.needsRestart().isEmpty()) {
      LOG.warning("configuration reload (" + by + "): left as they are until a restart: "
          + String.join(", ", o.needsRestart()));
    }
  }
}
