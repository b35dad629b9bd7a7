package io.voicegateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.FreePorts;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /health and /metrics are open by default and behind the token when the configuration says so. */
class HttpVerticleTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  private ApiClient start(boolean protect) throws Exception {
    GatewayConfig config = ConfigLoader.parse("http: {host: 127.0.0.1, port: " + FreePorts.udpAndTcp()
        + ", api_token: tok, protect_health_and_metrics: " + protect + "}", Map.of());
    HttpVerticle http = new HttpVerticle(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        () -> new JsonObject().put("status", "up"));
    vertx.deployVerticle(http).await(20, TimeUnit.SECONDS);
    return new ApiClient(http.actualPort(), null);
  }

  @Test
  void healthAndMetricsAreOpenByDefault() throws Exception {
    ApiClient anonymous = start(false);
    assertEquals(200, anonymous.get("/health").status());
    assertEquals(200, anonymous.get("/metrics").status());
    assertEquals(401, anonymous.get("/api/v1/routes").status(), "the API never is");
  }

  @Test
  void protectedHealthAndMetricsNeedTheToken() throws Exception {
    ApiClient anonymous = start(true);
    assertEquals(401, anonymous.get("/health").status());
    assertEquals(401, anonymous.get("/metrics").status());
    ApiClient withToken = anonymous.withToken("tok");
    assertEquals(200, withToken.get("/health").status());
    assertTrue(withToken.get("/health").body().contains("\"up\""));
    assertEquals(200, withToken.get("/metrics").status());
  }
}
