package io.voicegateway.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.voicegateway.bus.CallBus;
import io.voicegateway.config.GatewayConfig;
import java.util.function.Supplier;

/**
 * The REST API mounted at {@code /api/v1} (see docs/api.md): login first (open), then the token check, then one
 * small class per resource; every failure goes through {@link ApiErrors}. Call control is reached only over
 * the event bus ({@link ControlRequests}), so the API works the same when it runs on another node.
 */
public final class ApiRouter {
  /** Bodies are a few small JSON fields; anything bigger is a mistake or an attack. */
  private static final long BODY_LIMIT = 64 * 1024;

  private ApiRouter() {}

  public static Router create(Vertx vertx, GatewayConfig config, ApiAuth auth) {
    return create(vertx, () -> config, auth);
  }

  /** With the devices, providers and routes listed as the configuration in force has them (a reload changes them). */
  public static Router create(Vertx vertx, Supplier<GatewayConfig> inForce, ApiAuth auth) {
    Router api = Router.router(vertx);
    api.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    new LoginApi(auth).mount(api);
    api.route().handler(auth);
    CallBus calls = new CallBus(vertx, inForce.get().cluster().enabled());
    LiveCalls live = new LiveCalls(calls);
    ControlRequests control = new ControlRequests(vertx, calls);
    CallTargets targets = new CallTargets(control, LiveList.of(() -> inForce.get().devices()));
    new CallsApi(live, control).mount(api);
    new OriginateApi(control, targets).mount(api);
    new CallActionsApi(calls, live, control, targets).mount(api);
    new DevicesApi(control, LiveList.of(() -> inForce.get().devices())).mount(api);
    new ProvidersApi(control, LiveList.of(() -> inForce.get().providers())).mount(api);
    new RoutesApi(LiveList.of(() -> inForce.get().routes())).mount(api);
    new HistoryApi(vertx).mount(api);
    new VoicemailApi(vertx).mount(api);
    new CallLegsApi(calls).mount(api);
    new ConferencesApi(vertx).mount(api);
    new RecordingApi(vertx, calls).mount(api);
    new StreamsApi(calls).mount(api);
    new ConfigApi(vertx).mount(api);
    new NodeApi(vertx, inForce.get().cluster().enabled()).mount(api);
    api.route().last().handler(ctx -> ApiErrors.send(ctx, 404,
        "no endpoint " + ctx.request().method() + " " + ctx.request().path()));
    api.route().failureHandler(ApiErrors::handle);
    return api;
  }
}
