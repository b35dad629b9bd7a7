package io.voicegateway.http;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.ConferenceCommands;

/**
 * Conference rooms: {@code GET /api/v1/conferences}, {@code GET /api/v1/conferences/{room}}, {@code POST
 * …/{room}/participants/{id}/mute} and {@code /unmute}, {@code DELETE …/{room}/participants/{id}} (kick: the
 * member's call is hung up). The conference app answers over the bus; 404 for an unknown room or member.
 */
final class ConferencesApi {
  private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(5_000);
  private static final DeliveryOptions PEER_WAIT = new DeliveryOptions().setSendTimeout(40_000);

  private final Vertx vertx;

  ConferencesApi(Vertx vertx) {
    this.vertx = vertx;
  }

  void mount(Router api) {
    api.get("/conferences").handler(ctx -> ask(ctx, Addresses.CONFERENCES_LIST,
        new ConferenceCommands.RoomsQuery(), QUICK));
    api.get("/conferences/:room").handler(ctx -> ask(ctx, Addresses.CONFERENCES_ROOM,
        new ConferenceCommands.RoomQuery(ctx.pathParam("room")), QUICK));
    api.post("/conferences/:room/participants/:id/mute").handler(ctx -> mute(ctx, true));
    api.post("/conferences/:room/participants/:id/unmute").handler(ctx -> mute(ctx, false));
    api.delete("/conferences/:room/participants/:id").handler(ctx -> ask(ctx, Addresses.CONFERENCES_KICK,
        new ConferenceCommands.Kick(ctx.pathParam("room"), ctx.pathParam("id")), PEER_WAIT));
  }

  private void mute(RoutingContext ctx, boolean muted) {
    ask(ctx, Addresses.CONFERENCES_MUTE,
        new ConferenceCommands.Mute(ctx.pathParam("room"), ctx.pathParam("id"), muted), QUICK);
  }

  private void ask(RoutingContext ctx, String address, Record request, DeliveryOptions options) {
    ApiErrors.reply(ctx, vertx.eventBus().request(address, request, options).map(Message::body), 200);
  }
}
