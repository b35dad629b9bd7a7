package io.voicegateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.ConferenceCommands;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.testing.ApiClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST of three-way calling and conference rooms against stand-ins on the bus: the typed requests the API
 * sends, and their answers and failure codes as HTTP. No SIP, no mixer.
 */
class PartyAndConferenceApiTest {
  private static final ConferenceCommands.Room SALES = new ConferenceCommands.Room("sales", true, true, 10,
      List.of(new ConferenceCommands.Participant("c1", "sip:a@x", "alice", 1_000, true)));

  private final Vertx vertx = Vertx.vertx();
  private final List<Object> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private ApiClient api;

  @BeforeEach
  void start() throws Exception {
    BusCodecs.registerAll(vertx);
    var bus = vertx.eventBus();
    bus.<CallCommands.AddLeg>consumer(Addresses.CALL_LEGS_ADD, m -> {
      requests.add(m.body());
      if (m.body().target().equals("0301234")) {
        m.fail(403, "403 no route admits 0301234 for the parties of call c1");
      } else {
        m.reply(new CallCommands.LegAdded(m.body().callId(), "l3"));
      }
    });
    bus.<CallCommands.DropLeg>consumer(Addresses.CALL_LEGS_DROP, m -> {
      requests.add(m.body());
      m.reply(new CallCommands.Done(m.body().callId()));
    });
    bus.<ConferenceCommands.RoomsQuery>consumer(Addresses.CONFERENCES_LIST,
        m -> m.reply(new ConferenceCommands.Rooms(List.of(SALES))));
    bus.<ConferenceCommands.RoomQuery>consumer(Addresses.CONFERENCES_ROOM, m -> {
      if (m.body().room().equals("sales")) {
        m.reply(SALES);
      } else {
        m.fail(404, "no conference room " + m.body().room());
      }
    });
    bus.<ConferenceCommands.Mute>consumer(Addresses.CONFERENCES_MUTE, m -> {
      requests.add(m.body());
      m.reply(SALES);
    });
    bus.<ConferenceCommands.Kick>consumer(Addresses.CONFERENCES_KICK, m -> {
      requests.add(m.body());
      m.reply(new CallCommands.Done(m.body().participant()));
    });
    Router root = Router.router(vertx);
    root.route("/api/v1/*").subRouter(ApiRouter.create(vertx,
        ConfigLoader.parse("http: {api_token: s3cret}\n", Map.of()), new ApiAuth("s3cret")));
    server = vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1").await(20, TimeUnit.SECONDS);
    api = new ApiClient(server.actualPort(), "s3cret");
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void addingAPartyAnswersWithTheNewLegOnceItJoined() throws Exception {
    ApiClient.Answer answer = api.post("/api/v1/calls/c1/legs", "{\"target\":\"carol\"}");

    assertEquals(201, answer.status(), answer.toString());
    assertEquals("l3", answer.object().getString("legId"));
    assertEquals(List.of(new CallCommands.AddLeg("c1", "carol")), requests);
  }

  @Test
  void aNumberNoRouteAdmitsIs403AndAProviderOfOnesOwnIs400() throws Exception {
    ApiClient.Answer forbidden = api.post("/api/v1/calls/c1/legs", "{\"target\":\"0301234\"}");
    assertEquals(403, forbidden.status(), forbidden.toString());

    ApiClient.Answer provider = api.post("/api/v1/calls/c1/legs", "{\"target\":\"0301234\",\"provider\":\"c\"}");
    assertEquals(400, provider.status(), provider.toString());
    ApiClient.Answer none = api.post("/api/v1/calls/c1/legs", "{}");
    assertEquals(400, none.status(), none.toString());
    assertEquals(1, requests.size(), "only the well-formed request reached call control");
  }

  @Test
  void droppingALegAsksCallControl() throws Exception {
    ApiClient.Answer answer = api.delete("/api/v1/calls/c1/legs/l2");

    assertEquals(200, answer.status(), answer.toString());
    assertEquals(List.of(new CallCommands.DropLeg("c1", "l2")), requests);
  }

  @Test
  void roomsParticipantsMuteAndKick() throws Exception {
    ApiClient.Answer list = api.get("/api/v1/conferences");
    assertEquals(200, list.status(), list.toString());
    assertEquals("sales", list.object().getJsonArray("rooms").getJsonObject(0).getString("name"));

    ApiClient.Answer room = api.get("/api/v1/conferences/sales");
    assertEquals("alice", room.object().getJsonArray("participants").getJsonObject(0).getString("device"));
    assertTrue(!room.body().contains("pin\""), "the PIN never leaves the gateway");
    assertEquals(404, api.get("/api/v1/conferences/nope").status());

    assertEquals(200, api.post("/api/v1/conferences/sales/participants/c1/mute", "").status());
    assertEquals(200, api.post("/api/v1/conferences/sales/participants/c1/unmute", "").status());
    assertEquals(200, api.delete("/api/v1/conferences/sales/participants/c1").status());
    assertEquals(List.of(new ConferenceCommands.Mute("sales", "c1", true),
        new ConferenceCommands.Mute("sales", "c1", false), new ConferenceCommands.Kick("sales", "c1")), requests);
  }
}
