package io.voicegateway.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.voicegateway.bus.Addresses;

/**
 * {@code GET /api/v1/calls/{id}/sip}: the SIP messages of a call's legs, oldest first, for the dashboard's
 * ladder view (the SIP verticle records them, see sip/trace). The id is the gateway's call id (a live or a
 * recently ended call) or a SIP Call-ID; 404 when nothing is recorded for it.
 */
public final class SipLadderApi {
  public static final String PATH = "/api/v1/calls/:id/sip";

  private SipLadderApi() {}

  public static void mount(Router router, Vertx vertx, ApiAuth auth) {
    router.get(PATH).handler(auth).handler(ctx -> ApiErrors.reply(ctx,
        vertx.eventBus().<JsonArray>request(Addresses.SIP_TRACE, ctx.pathParam("id")).map(m -> m.body()), 200))
        .failureHandler(ApiErrors::handle);
  }
}
