package io.voicegateway.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.voicegateway.bridge.SockJsBridge;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.HttpConfig;
import java.util.function.Supplier;

/**
 * The HTTP side: health, Prometheus metrics, the REST API under {@code /api/v1} and the static dashboard.
 * {@code /health} and {@code /metrics} are open unless {@code http.protect_health_and_metrics} says otherwise.
 * With {@code http.tls_cert}/{@code tls_key} it speaks HTTPS only: browsers grant the dashboard phone a microphone
 * on a secure origin (or on 127.0.0.1/localhost).
 * Everything it shows of calls, devices and trunks comes over the event bus, never from another verticle's object.
 */
public final class HttpVerticle extends VerticleBase {
  private final GatewayConfig gateway;
  private final HttpConfig config;
  private final PrometheusMeterRegistry prometheus;
  private final Supplier<JsonObject> health;
  /** The configuration in force, for the API's listings of devices, providers and routes. */
  private final Supplier<GatewayConfig> live;
  private HttpServer server;

  /**
   * @param health builds the body of {@code GET /health} on each request
   */
  public HttpVerticle(GatewayConfig gateway, PrometheusMeterRegistry prometheus, Supplier<JsonObject> health) {
    this.gateway = gateway;
    this.config = gateway.http();
    this.prometheus = prometheus;
    this.health = health;
    this.live = () -> gateway;
  }

  /** Lists devices, providers and routes from {@code live} (the gateway's LiveConfig: reloads show). */
  public HttpVerticle(Supplier<GatewayConfig> live, PrometheusMeterRegistry prometheus, Supplier<JsonObject> health) {
    this.gateway = live.get();
    this.config = gateway.http();
    this.prometheus = prometheus;
    this.health = health;
    this.live = live;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    ApiAuth auth = new ApiAuth(config.apiToken());
    if (config.protectOpsPages()) {
      router.route("/health").handler(auth);
      router.route("/metrics").handler(auth);
    }
    router.get("/health").handler(ctx -> ctx.json(health.get()));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(prometheus));
    router.route(SockJsBridge.PATH).subRouter(SockJsBridge.router(vertx, config.apiToken()));
    DashboardSocket.mount(router, vertx, auth, new LiveCalls(vertx, gateway)::all);
    SipLadderApi.mount(router, vertx, auth);
    DashboardPage.mount(router, auth);
    router.route("/api/v1/*").subRouter(ApiRouter.create(vertx, live, auth));
    router.route("/*").handler(StaticHandler.create("webroot"));
    HttpServerOptions options = new HttpServerOptions();
    if (config.tls()) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.tlsCert())
          .setKeyPath(config.tlsKey()));
    }
    return vertx.createHttpServer(options)
        .requestHandler(router)
        .listen(config.port(), config.host())
        .onSuccess(s -> server = s);
  }

  /** The bound port (differs from the configured one when that was 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
