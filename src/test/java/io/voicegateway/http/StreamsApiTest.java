package io.voicegateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.StreamCommands;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.testing.ApiClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The streams API against a stand-in stream verticle on the bus: bodies in, statuses out. */
class StreamsApiTest {
  private final Vertx vertx = Vertx.vertx();
  private final List<Object> requests = new CopyOnWriteArrayList<>();
  private ApiClient api;

  @BeforeEach
  void start() throws Exception {
    BusCodecs.registerAll(vertx);
    var bus = vertx.eventBus();
    bus.<StreamCommands.Start>consumer(Addresses.STREAM_START, m -> {
      requests.add(m.body());
      switch (m.body().name()) {
        case "bot" -> m.reply(new StreamCommands.Started(m.body().callId(), "bot", "MZ1"));
        case "down" -> m.fail(502, "stream down: cannot connect to ws://127.0.0.1:9/");
        case "twice" -> m.fail(409, "stream twice already runs on call c1");
        default -> m.fail(400, "unknown stream '" + m.body().name() + "'; configured: bot");
      }
    });
    bus.<StreamCommands.Query>consumer(Addresses.STREAM_QUERY, m -> {
      if (m.body().callId().equals("c1")) {
        m.reply(new StreamCommands.Streams("c1", List.of(new StreamCommands.Started("c1", "bot", "MZ1"))));
      } else {
        m.fail(404, "no call " + m.body().callId());
      }
    });
    bus.<StreamCommands.Stop>consumer(Addresses.STREAM_STOP, m -> {
      requests.add(m.body());
      if (m.body().streamSid().equals("MZ1")) {
        m.reply(m.body());
      } else {
        m.fail(404, "no stream " + m.body().streamSid() + " on call " + m.body().callId());
      }
    });
    Router root = Router.router(vertx);
    root.route("/api/v1/*").subRouter(ApiRouter.create(vertx, ConfigLoader.parse("http: {api_token: t}\n", Map.of()),
        new ApiAuth("t")));
    HttpServer server = vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1")
        .await(20, TimeUnit.SECONDS);
    api = new ApiClient(server.actualPort(), "t");
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void startListAndStopANamedStream() throws Exception {
    ApiClient.Answer started = api.post("/api/v1/calls/c1/streams",
        "{\"name\": \"bot\", \"customParameters\": {\"lang\": \"de\", \"turn\": 2}}");
    assertEquals(201, started.status(), started.toString());
    assertEquals(new JsonObject().put("callId", "c1").put("name", "bot").put("streamSid", "MZ1"), started.object());
    ApiClient.Answer list = api.get("/api/v1/calls/c1/streams");
    assertEquals(200, list.status());
    assertEquals(new JsonObject().put("callId", "c1").put("streams", new JsonArray()
        .add(new JsonObject().put("callId", "c1").put("name", "bot").put("streamSid", "MZ1"))), list.object());
    assertEquals(204, api.delete("/api/v1/calls/c1/streams/MZ1").status());
    assertEquals(List.of(new StreamCommands.Start("c1", "bot", Map.of("lang", "de", "turn", "2")),
        new StreamCommands.Stop("c1", "MZ1")), requests);
  }

  @Test
  void badBodiesAre400AndTheStreamSidesRefusalsKeepTheirStatus() throws Exception {
    assertEquals(400, api.post("/api/v1/calls/c1/streams", "{}").status());
    assertEquals(400, api.post("/api/v1/calls/c1/streams", "[1]").status());
    ApiClient.Answer nested = api.post("/api/v1/calls/c1/streams",
        "{\"name\": \"bot\", \"customParameters\": {\"a\": {\"b\": 1}}}");
    assertEquals(400, nested.status());
    assertEquals("'customParameters.a' must be a string", nested.object().getString("error"));
    assertEquals(400, api.post("/api/v1/calls/c1/streams", "{\"name\": \"bot\", \"customParameters\": 3}").status());
    assertEquals(List.of(), requests, "nothing was asked of the stream side");
    ApiClient.Answer unknown = api.post("/api/v1/calls/c1/streams", "{\"name\": \"nope\"}");
    assertEquals(400, unknown.status());
    assertEquals("unknown stream 'nope'; configured: bot", unknown.object().getString("error"));
    assertEquals(502, api.post("/api/v1/calls/c1/streams", "{\"name\": \"down\"}").status());
    assertEquals(409, api.post("/api/v1/calls/c1/streams", "{\"name\": \"twice\"}").status());
    assertEquals(404, api.get("/api/v1/calls/nope/streams").status());
    assertEquals(404, api.delete("/api/v1/calls/c1/streams/MZ2").status());
  }

  @Test
  void withoutAStreamVerticleTheAnswerIs503() throws Exception {
    Vertx other = Vertx.vertx();
    try {
      BusCodecs.registerAll(other);
      Router root = Router.router(other);
      root.route("/api/v1/*").subRouter(ApiRouter.create(other, ConfigLoader.parse("http: {api_token: t}\n",
          Map.of()), new ApiAuth("t")));
      HttpServer server = other.createHttpServer().requestHandler(root).listen(0, "127.0.0.1")
          .await(20, TimeUnit.SECONDS);
      assertEquals(503, new ApiClient(server.actualPort(), "t").post("/api/v1/calls/c1/streams",
          "{\"name\": \"bot\"}").status());
    } finally {
      other.close().await(20, TimeUnit.SECONDS);
    }
  }
}
