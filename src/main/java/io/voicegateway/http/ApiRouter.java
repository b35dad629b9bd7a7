package io.voicegateway.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.sip.SipVerticle;

/**
 * The REST API mounted at {@code /api/v1} (see docs/api.md): login first (open), then the token check, then one
 * small class per resource; every failure goes through {@link ApiErrors}.
 */
public final class ApiRouter {
  /** Bodies are a few small JSON fields; anything bigger is a mistake or an attack. */
  private static final long BODY_LIMIT = 64 * 1024;

  private ApiRouter() {}

  public static Router create(Vertx vertx, GatewayConfig config, SipVerticle sip, ApiAuth auth) {
    Router api = Router.router(vertx);
    api.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    new LoginApi(auth).mount(api);
    api.route().handler(auth);
    LiveCalls live = new LiveCalls(vertx);
    CallTargets targets = new CallTargets(sip, config.devices());
    new CallsApi(live, sip).mount(api);
    new OriginateApi(sip, targets).mount(api);
    new CallActionsApi(vertx, live, sip, targets).mount(api);
    new DevicesApi(sip, config.devices()).mount(api);
    new ProvidersApi(sip, config.providers()).mount(api);
    new RoutesApi(config.routes()).mount(api);
    new HistoryApi(vertx).mount(api);
    api.route().last().handler(ctx -> ApiErrors.send(ctx, 404,
        "no endpoint " + ctx.request().method() + " " + ctx.request().path()));
    api.route().failureHandler(ApiErrors::handle);
    return api;
  }
}
