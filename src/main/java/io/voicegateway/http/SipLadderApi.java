package io.voicegateway.http;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voicegateway.bus.Addresses;

/**
 * {@code GET /api/v1/calls/{id}/sip}: the SIP messages of a call's legs, oldest first, for the dashboard's
 * ladder view (the SIP verticle records them, see sip/trace). The id is the gateway's call id (a live or a
 * recently ended call) or a SIP Call-ID. 404 when nothing is recorded for it.
 */
public final class SipLadderApi {
  public static final String PATH = "/api/v1/calls/:id/sip";

  private final Vertx vertx;
  private final String token;

  private SipLadderApi(Vertx vertx, String token) {
    this.vertx = vertx;
    this.token = token;
  }

  public static void mount(Router router, Vertx vertx, String apiToken) {
    router.get(PATH).handler(new SipLadderApi(vertx, apiToken)::handle);
  }

  private void handle(RoutingContext ctx) {
    if (!RequestToken.matches(ctx.request(), token)) {
      error(ctx, 401, "missing or wrong API token");
      return;
    }
    vertx.eventBus().<JsonArray>request(Addresses.SIP_TRACE, ctx.pathParam("id"))
        .onSuccess(reply -> ctx.json(reply.body()))
        .onFailure(err -> {
          boolean unknown = err instanceof ReplyException re && re.failureCode() == 404;
          error(ctx, unknown ? 404 : 503, err.getMessage());
        });
  }

  private static void error(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status);
    ctx.json(new JsonObject().put("error", message));
  }
}
