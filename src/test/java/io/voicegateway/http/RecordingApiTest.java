package io.voicegateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.RecordingCommands;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.testing.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recording API against a stand-in call control and history on the bus. */
class RecordingApiTest {
  @TempDir
  Path tmp;
  private final Vertx vertx = Vertx.vertx();
  private final List<Object> requests = new CopyOnWriteArrayList<>();
  private ApiClient api;
  private Path wav;

  @BeforeEach
  void start() throws Exception {
    BusCodecs.registerAll(vertx);
    wav = Files.write(tmp.resolve("c1.wav"), new byte[] {'R', 'I', 'F', 'F', 1, 2, 3});
    var bus = vertx.eventBus();
    bus.<RecordingCommands.Record>consumer(Addresses.CALL_RECORDING, m -> {
      requests.add(m.body());
      switch (m.body().callId()) {
        case "c1" -> m.reply(new RecordingCommands.Recording("c1", m.body().on(), "/rec/c1.wav"));
        case "busy" -> m.fail(409, "call busy is already being recorded");
        default -> m.fail(404, "no call " + m.body().callId());
      }
    });
    bus.<RecordingCommands.FileQuery>consumer(Addresses.HISTORY_RECORDING, m -> {
      if (m.body().callId().equals("c1")) {
        m.reply(new RecordingCommands.File("c1", wav.toString()));
      } else {
        m.fail(404, "no recording of call " + m.body().callId());
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
  void startAndStopAskCallControlAndItsCodesAreTheStatus() throws Exception {
    ApiClient.Answer started = api.post("/api/v1/calls/c1/recording", "");
    assertEquals(200, started.status(), started.toString());
    assertEquals(new JsonObject().put("callId", "c1").put("recording", true), started.object());
    ApiClient.Answer stopped = api.delete("/api/v1/calls/c1/recording");
    assertEquals(new JsonObject().put("callId", "c1").put("recording", false), stopped.object());
    assertEquals(409, api.post("/api/v1/calls/busy/recording", "").status());
    ApiClient.Answer unknown = api.delete("/api/v1/calls/nope/recording");
    assertEquals(404, unknown.status());
    assertEquals("no call nope", unknown.object().getString("error"));
    assertEquals(List.of(new RecordingCommands.Record("c1", true), new RecordingCommands.Record("c1", false),
        new RecordingCommands.Record("busy", true), new RecordingCommands.Record("nope", false)), requests);
  }

  @Test
  void aFinishedCallsRecordingDownloadsAsWav() throws Exception {
    ApiClient.Answer file = api.get("/api/v1/history/c1/recording");
    assertEquals(200, file.status(), file.toString());
    assertEquals("audio/wav", file.raw().headers().firstValue("Content-Type").orElse(""));
    assertEquals(7, file.raw().headers().firstValueAsLong("Content-Length").orElse(-1));
    assertEquals(404, api.get("/api/v1/history/c2/recording").status());
  }
}
