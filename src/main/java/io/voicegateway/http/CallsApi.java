package io.voicegateway.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/calls}, {@code GET /api/v1/calls/{id}} and {@code DELETE /api/v1/calls/{id}} (hang up). */
final class CallsApi {
  private final LiveCalls live;
  private final ControlRequests control;

  CallsApi(LiveCalls live, ControlRequests control) {
    this.live = live;
    this.control = control;
  }

  void mount(Router api) {
    api.get("/calls").handler(ctx -> ApiErrors.reply(ctx, live.all(), 200));
    api.get("/calls/:id").handler(ctx -> ApiErrors.reply(ctx, live.one(ctx.pathParam("id")), 200));
    api.delete("/calls/:id").handler(this::hangup);
  }

  /** BYE when connected, CANCEL while still ringing out; 404 for an unknown call. */
  private void hangup(RoutingContext ctx) {
    ApiErrors.reply(ctx, control.hangup(ctx.pathParam("id"), "api hangup").mapEmpty(), 204);
  }
}
