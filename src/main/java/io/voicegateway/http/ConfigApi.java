package io.voicegateway.http;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.ConfigCommands;

/**
 * {@code POST /api/v1/config/reload} (docs/operations.md): the gateway re-reads its YAML file. 200 with what was
 * applied and what needs a restart; 400 with {@code errors: [{key, message}]} when the file does not validate
 * (nothing changed); 409 when the gateway was started without a file. Authenticated like the rest of the API.
 */
final class ConfigApi {
  /** Reading and validating a file takes milliseconds; a DNS-less reload never waits on the network. */
  private static final DeliveryOptions WAIT = new DeliveryOptions().setSendTimeout(30_000);
  private final Vertx vertx;

  ConfigApi(Vertx vertx) {
    this.vertx = vertx;
  }

  void mount(Router api) {
    api.post("/config/reload").handler(this::reload);
  }

  private void reload(RoutingContext ctx) {
    vertx.eventBus().<ConfigCommands.Reloaded>request(Addresses.CONFIG_RELOAD, new ConfigCommands.Reload("api"), WAIT)
        .onFailure(ctx::fail)
        .onSuccess(msg -> {
          ConfigCommands.Reloaded r = msg.body();
          ctx.response().setStatusCode("INVALID".equals(r.status()) ? 400 : 200)
              .putHeader("Content-Type", "application/json").end(json(r).encode());
        });
  }

  static JsonObject json(ConfigCommands.Reloaded r) {
    JsonArray errors = new JsonArray();
    r.errors().forEach(e -> errors.add(new JsonObject().put("key", e.key()).put("message", e.message())));
    return new JsonObject().put("status", r.status()).put("errors", errors)
        .put("applied", new JsonArray(r.applied())).put("needsRestart", new JsonArray(r.needsRestart()));
  }
}
