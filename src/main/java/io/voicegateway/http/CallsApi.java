package io.voicegateway.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voicegateway.sip.SipVerticle;

/** {@code GET /api/v1/calls}, {@code GET /api/v1/calls/{id}} and {@code DELETE /api/v1/calls/{id}} (hang up). */
final class CallsApi {
  private final LiveCalls live;
  private final SipVerticle sip;

  CallsApi(LiveCalls live, SipVerticle sip) {
    this.live = live;
    this.sip = sip;
  }

  void mount(Router api) {
    api.get("/calls").handler(ctx -> ApiErrors.reply(ctx, live.all(), 200));
    api.get("/calls/:id").handler(ctx -> ApiErrors.reply(ctx, live.one(ctx.pathParam("id")), 200));
    api.delete("/calls/:id").handler(this::hangup);
  }

  /** BYE when connected, CANCEL while still ringing out; 404 for an unknown call. */
  private void hangup(RoutingContext ctx) {
    ApiErrors.reply(ctx, sip.uac().hangup(ctx.pathParam("id"), "api hangup"), 204);
  }
}
