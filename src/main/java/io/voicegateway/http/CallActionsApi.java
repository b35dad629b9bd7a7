package io.voicegateway.http;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallBus;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.media.dtmf.DtmfDigits;
import java.util.Set;
import java.util.function.Function;

/**
 * Mid-call control: {@code POST /api/v1/calls/{id}/hold}, {@code /resume}, {@code /transfer {to}} (blind, REFER),
 * {@code /dtmf {digits}} (RFC 4733 toward the party call control picks) and {@code /stream {enabled}} (the audio feed).
 * Each SIP action checks the call's state first, so a call in the wrong state is a 409 rather than a request the
 * peer has to refuse.
 */
final class CallActionsApi {
  private static final Set<String> TALKING = Set.of("CONNECTED", "RESUMED");
  private static final Set<String> ESTABLISHED = Set.of("CONNECTED", "ON_HOLD", "RESUMED");

  private final CallBus calls;
  private final LiveCalls live;
  private final ControlRequests control;
  private final CallTargets targets;

  CallActionsApi(CallBus calls, LiveCalls live, ControlRequests control, CallTargets targets) {
    this.calls = calls;
    this.live = live;
    this.control = control;
    this.targets = targets;
  }

  void mount(Router api) {
    api.post("/calls/:id/hold").handler(ctx -> act(ctx, TALKING, "put on hold",
        call -> control.hold(call.getString("id")).mapEmpty()));
    api.post("/calls/:id/resume").handler(ctx -> act(ctx, Set.of("ON_HOLD"), "resumed",
        call -> control.resume(call.getString("id")).mapEmpty()));
    api.post("/calls/:id/transfer").handler(this::transfer);
    api.post("/calls/:id/dtmf").handler(this::dtmf);
    api.post("/calls/:id/stream").handler(this::stream);
  }

  /** Starts or stops the call's 16 kHz audio feed on the event bus (see docs/event-bus.md); any state. */
  private void stream(RoutingContext ctx) {
    Object enabled = ApiBodies.json(ctx).getValue("enabled");
    if (!(enabled instanceof Boolean on)) {
      throw ApiException.badRequest("'enabled' is required (true or false)");
    }
    String callId = ctx.pathParam("id");
    ApiErrors.reply(ctx, calls.<JsonObject>toOwner(Addresses.SIP_STREAM, callId, new SipCommands.Stream(callId, on),
        new DeliveryOptions()), 200);
  }

  private void transfer(RoutingContext ctx) {
    String to = ApiBodies.text(ApiBodies.json(ctx), "to");
    act(ctx, ESTABLISHED, "transferred", call -> targets.resolve(to)
        .compose(uri -> control.transfer(call.getString("id"), uri))
        .map(done -> new JsonObject().put("status", done.status())));
  }

  private void dtmf(RoutingContext ctx) {
    String digits = ApiBodies.text(ApiBodies.json(ctx), "digits");
    if (!DtmfDigits.isValid(digits)) {
      throw ApiException.badRequest("'digits' may hold only 0-9 * # A-D, got '" + digits + "'");
    }
    act(ctx, TALKING, "sent DTMF", call -> control.sendDigits(call.getString("id"), digits)
        .recover(err -> Future.failedFuture(ApiException.conflict("cannot send DTMF on this call: " + err.getMessage())))
        .map(v -> new JsonObject().put("digits", digits)));
  }

  /** Runs {@code action} when the call is in one of {@code states}; 404 unknown, 409 wrong state. */
  private void act(RoutingContext ctx, Set<String> states, String what, Function<JsonObject, Future<?>> action) {
    Future<?> result = live.one(ctx.pathParam("id")).compose(call -> {
      String state = call.getString("state");
      if (!states.contains(state)) {
        return Future.failedFuture(ApiException.conflict("call " + call.getString("id") + " is " + state
            + "; it can be " + what + " only when " + String.join(" or ", states)));
      }
      return action.apply(call);
    });
    ApiErrors.reply(ctx, result, 202);
  }
}
