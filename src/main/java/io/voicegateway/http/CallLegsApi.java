package io.voicegateway.http;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallBus;
import io.voicegateway.bus.CallCommands;

/**
 * Three-way calling: {@code POST /api/v1/calls/{id}/legs {target}} rings a device id or a number into a live call and
 * answers once it joined (201 with the new leg's id); {@code DELETE /api/v1/calls/{id}/legs/{legId}} hangs one party
 * up, the call going on while two are left. Call control decides both (AddParty, DropParty); its failure codes are
 * the HTTP statuses.
 */
final class CallLegsApi {
  /** The added party rings up to its ring timeout (30 s by default) before the answer comes. */
  private static final DeliveryOptions ANSWER_WAIT = new DeliveryOptions().setSendTimeout(120_000);
  private static final DeliveryOptions PEER_WAIT = new DeliveryOptions().setSendTimeout(40_000);

  private final CallBus calls;

  CallLegsApi(CallBus calls) {
    this.calls = calls;
  }

  void mount(Router api) {
    api.post("/calls/:id/legs").handler(this::add);
    api.delete("/calls/:id/legs/:legId").handler(this::drop);
  }

  private void add(RoutingContext ctx) {
    JsonObject body = ApiBodies.json(ctx);
    if (body.containsKey("provider")) {
      throw ApiException.badRequest("'provider' is not accepted: a number goes out through the outbound route that"
          + " serves it, with the rights of the call's device party");
    }
    String target = ApiBodies.text(body, "target");
    String callId = ctx.pathParam("id");
    ApiErrors.reply(ctx, calls.<CallCommands.LegAdded>toOwner(Addresses.CALL_LEGS_ADD, callId,
        new CallCommands.AddLeg(callId, target), ANSWER_WAIT), 201);
  }

  private void drop(RoutingContext ctx) {
    String callId = ctx.pathParam("id");
    ApiErrors.reply(ctx, calls.<CallCommands.Done>toOwner(Addresses.CALL_LEGS_DROP, callId,
        new CallCommands.DropLeg(callId, ctx.pathParam("legId")), PEER_WAIT), 200);
  }
}
