package io.voicegateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.HistoryConfig;
import io.voicegateway.history.HistoryVerticle;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.ApiClient.Answer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's own plumbing without SIP: token and cookie, JSON errors, the routes view, and the history endpoint fed
 * by call events on the bus into a real history store. Calls, devices and providers need the SIP side: ApiIT.
 */
class ApiRouterTest {
  private static final String YAML = String.join("\n",
      "http: {api_token: s3cret}",
      "routes:",
      "  - {direction: inbound, match: echo, app: echo, from: any}",
      "  - {direction: outbound, match: \"0*\", provider: carrier1, strip: 1, prepend: \"+49\"}",
      "providers:",
      "  - {id: carrier1, host: 192.0.2.1}",
      "");

  @TempDir
  Path dataDir;

  private final Vertx vertx = Vertx.vertx();
  private HttpServer server;
  private ApiClient api;

  @BeforeEach
  void start() throws Exception {
    BusCodecs.registerAll(vertx);
    GatewayConfig config = ConfigLoader.parse(YAML, Map.of());
    vertx.deployVerticle(new HistoryVerticle(new HistoryConfig(true, dataDir, HistoryConfig.DEFAULT_RETENTION)))
        .await(20, TimeUnit.SECONDS);
    Router root = Router.router(vertx);
    root.route("/api/v1/*").subRouter(ApiRouter.create(vertx, config, new ApiAuth("s3cret")));
    server = vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1").await(20, TimeUnit.SECONDS);
    api = new ApiClient(server.actualPort(), "s3cret");
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void theTokenComesAsBearerOrAsTheLoginCookie() throws Exception {
    ApiClient anonymous = api.withToken(null);
    assertEquals(401, anonymous.get("/api/v1/routes").status());
    assertEquals(401, api.withToken("s3cre").get("/api/v1/routes").status(), "a prefix of the token is not the token");
    assertEquals(200, api.get("/api/v1/routes").status());
    assertEquals(200, anonymous.get("/api/v1/routes", "Authorization", "bearer s3cret").status(), "scheme is case-blind");
    Answer login = anonymous.post("/api/v1/login", "{\"token\":\"s3cret\"}");
    assertEquals(204, login.status());
    String cookie = login.raw().headers().firstValue("set-cookie").orElseThrow().split(";")[0];
    assertEquals(200, anonymous.get("/api/v1/routes", "Cookie", cookie).status());
    assertEquals(400, anonymous.post("/api/v1/login", "{\"token\":42}").status());
    assertEquals(401, anonymous.post("/api/v1/login", "{\"token\":\"guess\"}").status());
    Answer logout = anonymous.post("/api/v1/logout", "");
    assertEquals(204, logout.status());
    assertTrue(logout.raw().headers().firstValue("set-cookie").orElseThrow().contains("Max-Age=0"));
  }

  @Test
  void errorsAreJsonWithAMessage() throws Exception {
    Answer missing = api.get("/api/v1/no/such/thing");
    assertEquals(404, missing.status());
    assertEquals("application/json", missing.raw().headers().firstValue("content-type").orElseThrow());
    assertEquals("no endpoint GET /api/v1/no/such/thing", missing.object().getString("error"));
  }

  @Test
  void anOversizedBodyIs413() throws Exception {
    Answer tooBig = api.post("/api/v1/login", "{\"token\":\"" + "x".repeat(70_000) + "\"}");
    assertEquals(413, tooBig.status());
    assertTrue(tooBig.object().getString("error").contains("too large"), tooBig.toString());
  }

  @Test
  void routesAreShownInMatchOrderWithTheirYamlKeys() throws Exception {
    assertEquals(new io.vertx.core.json.JsonArray()
            .add(new JsonObject().put("direction", "inbound").put("match", "echo").put("from", "any").put("app", "echo"))
            .add(new JsonObject().put("direction", "outbound").put("match", "0*").put("from", "device")
                .put("provider", "carrier1").put("strip", 1).put("prepend", "+49")),
        api.get("/api/v1/routes").array());
  }

  @Test
  void finishedCallsArriveInTheHistoryPagedAndFiltered() throws Exception {
    call("c1", "sip:+4930111@trunk", 1_000, 1_500, 9_500, "remote BYE");
    call("c2", "sip:alice@pbx", 2_000, 0, 4_000, "cancelled");
    call("c3", "sip:+4930222@trunk", 3_000, 3_100, 3_600, "api hangup");
    assertTrue(eventually(() -> total("") == 3), "three calls recorded");

    JsonObject page = api.get("/api/v1/history?size=2").object();
    assertEquals(3, page.getLong("total"));
    assertEquals("c3", page.getJsonArray("items").getJsonObject(0).getString("id"));
    assertEquals(2, page.getJsonArray("items").size());
    JsonObject c1 = api.get("/api/v1/history?size=2&page=2").object().getJsonArray("items").getJsonObject(0);
    assertEquals(new JsonObject().put("id", "c1").put("direction", "inbound").put("from", "sip:+4930111@trunk")
        .put("to", "sip:echo@gw").put("sipCallId", "sip-c1").put("startedAt", 1_000).put("answeredAt", 1_500)
        .put("endedAt", 9_500).put("durationMs", 8_000).put("cause", "remote BYE")
        .put("legs", new io.vertx.core.json.JsonArray()), c1);

    assertEquals(2, total("number=%2B4930"));
    assertEquals(1, total("from=2000&to=3000"));
    assertEquals(1, total("from=1970-01-01T00:00:02Z&to=1970-01-01T00:00:03Z"));
    JsonObject unanswered = api.get("/api/v1/history?number=alice").object().getJsonArray("items").getJsonObject(0);
    assertEquals(null, unanswered.getValue("answeredAt"));
    assertEquals(0, unanswered.getLong("durationMs"));

    assertEquals(400, api.get("/api/v1/history?size=501").status());
    assertEquals(400, api.get("/api/v1/history?page=x").status());
    assertEquals(400, api.get("/api/v1/history?from=5&to=4").status());
  }

  @Test
  void withoutAHistoryTheListIsEmpty() throws Exception {
    vertx.deploymentIDs().forEach(id -> vertx.undeploy(id).await());
    JsonObject page = api.get("/api/v1/history").object();
    assertEquals(new JsonObject().put("total", 0).put("page", 1).put("size", 50)
        .put("items", new io.vertx.core.json.JsonArray()), page);
  }

  private void call(String id, String from, long started, long answered, long ended, String cause) {
    publish(new CallEvent(CallEventType.CALL_STARTED, id, CallDirection.INBOUND, from, "sip:echo@gw", "sip-" + id, Map.of(),
        started, null, 0, null));
    if (answered > 0) {
      publish(new CallEvent(CallEventType.CALL_CONNECTED, id, CallDirection.INBOUND, from, "sip:echo@gw", "sip-" + id, Map.of(),
          answered, null, 0, null));
    }
    publish(new CallEvent(CallEventType.CALL_TERMINATED, id, CallDirection.INBOUND, from, "sip:echo@gw", "sip-" + id, Map.of(),
        ended, null, 0, cause));
  }

  private void publish(CallEvent e) {
    vertx.eventBus().publish(Addresses.CALL_EVENTS, e);
  }

  private long total(String query) {
    try {
      return api.get("/api/v1/history?" + query).object().getLong("total");
    } catch (Exception e) {
      return -1;
    }
  }

  private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
    try {
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
          .pollInterval(java.time.Duration.ofMillis(25)).until(condition::getAsBoolean);
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return condition.getAsBoolean();
    }
  }
}
