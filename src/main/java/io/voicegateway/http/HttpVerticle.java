package io.voicegateway.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.voicegateway.config.HttpConfig;
import java.util.function.Supplier;

/** The HTTP side: health, Prometheus metrics and the static dashboard. The REST API joins it later. */
public final class HttpVerticle extends VerticleBase {
  private final HttpConfig config;
  private final PrometheusMeterRegistry prometheus;
  private final Supplier<JsonObject> health;
  private HttpServer server;

  /** @param health builds the body of {@code GET /health} on each request */
  public HttpVerticle(HttpConfig config, PrometheusMeterRegistry prometheus, Supplier<JsonObject> health) {
    this.config = config;
    this.prometheus = prometheus;
    this.health = health;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health").handler(ctx -> ctx.json(health.get()));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(prometheus));
    DashboardSocket.mount(router, vertx, config.apiToken(), DashboardSocket.sipCalls(vertx));
    SipLadderApi.mount(router, vertx, config.apiToken());
    DashboardPage.mount(router, config.apiToken());
    router.route("/*").handler(StaticHandler.create("webroot"));
    return vertx.createHttpServer()
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
