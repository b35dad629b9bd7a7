package io.voicegateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voicegateway.bus.Addresses;

/**
 * This node ({@code /api/v1/node}): {@code GET} its cluster membership and whether it drains; {@code POST /drain}
 * makes it answer OPTIONS with 503 so the dispatcher in front sends new calls elsewhere while its calls finish,
 * {@code POST /undrain} takes calls again (see docs/scale-out.md).
 */
final class NodeApi {
  private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(5_000);

  private final Vertx vertx;
  private final boolean clustered;

  NodeApi(Vertx vertx, boolean clustered) {
    this.vertx = vertx;
    this.clustered = clustered;
  }

  void mount(Router api) {
    api.get("/node").handler(ctx -> ApiErrors.reply(ctx, status(""), 200));
    api.post("/node/drain").handler(ctx -> drain(ctx, true));
    api.post("/node/undrain").handler(ctx -> drain(ctx, false));
  }

  private void drain(RoutingContext ctx, boolean on) {
    ApiErrors.reply(ctx, status(on), 200);
  }

  /** @param drain true or false to change the drain, "" to only ask */
  private Future<JsonObject> status(Object drain) {
    Future<Boolean> draining = vertx.eventBus().<Boolean>request(Addresses.NODE_DRAIN, drain, QUICK).map(Message::body);
    Future<JsonObject> cluster = clustered
        ? vertx.eventBus().<JsonObject>request(Addresses.NODE_STATUS, "", QUICK).map(Message::body)
        : Future.succeededFuture(new JsonObject());
    return Future.all(draining, cluster).map(v -> cluster.result().copy()
        .put("clustered", clustered)
        .put("draining", draining.result()));
  }
}
