package io.voicegateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.AppQueries;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallQueries;
import io.voicegateway.bus.CallState;
import io.voicegateway.bus.DeviceQueries;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.bus.TrunkQueries;
import io.voicegateway.bus.TrunkRegistrationEvent;
import io.voicegateway.bus.TrunkState;
import io.voicegateway.bus.WebRtcCommands;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.testing.ApiClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST API against a stand-in call control on the bus: what the API asks for (typed requests), and how the
 * answers and failure codes come out as HTTP. No SIP anywhere: the API could as well run on another node.
 */
class ControlApiTest {
  private static final String YAML = String.join("\n",
      "http: {api_token: s3cret}",
      "devices:",
      "  - {id: alice, password: wonderland, extension: \"101\"}",
      "  - {id: bob, password: builder, extension: \"102\"}",
      "providers:",
      "  - {id: carrier1, host: 192.0.2.1, register: true, username: gw, password: pw}",
      "  - {id: carrier2, host: 192.0.2.2}",
      "");
  private static final DeviceQueries.Binding ALICE = new DeviceQueries.Binding("alice", "sip:alice@10.0.0.5:5060",
      "198.51.100.4", 40123, "udp", "sip:alice@198.51.100.4:40123", 57);

  private final Vertx vertx = Vertx.vertx();
  private final List<Object> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private ApiClient api;

  @BeforeEach
  void start() throws Exception {
    BusCodecs.registerAll(vertx);
    GatewayConfig config = ConfigLoader.parse(YAML, Map.of());
    var bus = vertx.eventBus();
    bus.<AppQueries.ListQuery>consumer(Addresses.APPS_LIST, m -> m.reply(new AppQueries.AppList(List.of("echo"))));
    bus.<CallCommands.Originate>consumer(Addresses.CALL_ORIGINATE, m -> {
      requests.add(m.body());
      m.reply(new CallCommands.Originated("c-new"));
    });
    bus.<CallCommands.ClickToCall>consumer(Addresses.CALL_CLICK_TO_CALL, m -> {
      requests.add(m.body());
      m.fail(404, "no route for 0049");
    });
    bus.<WebRtcCommands.PhoneCall>consumer(Addresses.WEBRTC_CALL, m -> {
      requests.add(m.body());
      if ("999".equals(m.body().number())) {
        m.fail(404, "no route for 999");
      } else {
        m.reply(new WebRtcCommands.PhoneCallCreated("pending-1"));
      }
    });
    bus.<DeviceQueries.BindingsQuery>consumer(Addresses.DEVICE_BINDINGS, m -> m.reply(
        "alice".equals(m.body().device()) || "101".equals(m.body().device())
            ? new DeviceQueries.Bindings(m.body().device(), List.of(ALICE), 1_795_000_000_000L)
            : new DeviceQueries.Bindings(m.body().device(), List.of(), null)));
    bus.<CallCommands.Hold>consumer(Addresses.CALL_HOLD, m -> m.fail(409, "call c1 has no confirmed dialog"));
    bus.<CallCommands.SendDigits>consumer(Addresses.CALL_DTMF, m -> {
      requests.add(m.body());
      m.reply(new CallCommands.Done(m.body().callId()));
    });
    bus.<SipCommands.Transfer>consumer(Addresses.SIP_TRANSFER, m -> m.fail(502, "the peer answered 603 Decline"));
    bus.<TrunkQueries.StatesQuery>consumer(Addresses.TRUNK_STATES, m -> m.reply(new TrunkQueries.States(Map.of(
        "carrier1", new TrunkRegistrationEvent("sip:gw@192.0.2.1", TrunkState.REGISTERED, 1_795_000_600_000L, null, 0,
            "203.0.113.7:5060", 1_795_000_000_000L)))));
    bus.<CallQueries.ActiveCallsQuery>consumer(Addresses.SIP_CALLS, m -> m.reply(new CallQueries.ActiveCalls(
        List.of(new CallQueries.ActiveCall("c1", CallState.CONNECTED, CallDirection.INBOUND, "sip:a@x", "sip:b@gw",
            null, "1-1@x", 1_000L, 1_200L, 800, Map.of(), List.of())))));
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
  void anAppOutsideTheCatalogIsRefusedBeforeAnyoneIsCalled() throws Exception {
    ApiClient.Answer answer = api.post("/api/v1/calls", "{\"from\":\"app:ivr\",\"to\":\"sip:bob@192.0.2.9\"}");
    assertEquals(400, answer.status(), answer.toString());
    assertEquals("unknown app 'ivr'; known: echo", answer.object().getString("error"));
    assertTrue(requests.isEmpty(), requests.toString());
  }

  @Test
  void originateToADeviceDialsTheAddressItRegisteredFrom() throws Exception {
    ApiClient.Answer answer = api.post("/api/v1/calls",
        "{\"from\":\"app:echo\",\"to\":\"101\",\"headers\":{\"X-Ticket\":\"77\"}}");
    assertEquals(201, answer.status(), answer.toString());
    assertEquals(new JsonObject().put("id", "c-new"), answer.object());
    assertEquals(List.of(new CallCommands.Originate("sip:alice@198.51.100.4:40123", "echo", Map.of("X-Ticket", "77"))),
        requests);
  }

  @Test
  void fromBrowserIsStep1OfTheDashboardPhonesCall() throws Exception {
    ApiClient.Answer answer = api.post("/api/v1/calls", "{\"from\":\"browser\",\"to\":500}");
    assertEquals(201, answer.status(), answer.toString());
    assertEquals(new JsonObject().put("id", "pending-1").put("pending", true), answer.object());
    assertEquals(List.of(new WebRtcCommands.PhoneCall(null, "500", Map.of())), requests);

    ApiClient.Answer noRoute = api.post("/api/v1/calls", "{\"from\":\"browser\",\"to\":\"999\"}");
    assertEquals(404, noRoute.status(), noRoute.toString());
  }

  @Test
  void anUnregisteredDeviceIs409() throws Exception {
    ApiClient.Answer answer = api.post("/api/v1/calls", "{\"from\":\"app:echo\",\"to\":\"bob\"}");
    assertEquals(409, answer.status(), answer.toString());
    assertEquals("device bob is not registered", answer.object().getString("error"));
  }

  @Test
  void callControlsFailureCodesAreTheHttpStatus() throws Exception {
    ApiClient.Answer noRoute = api.post("/api/v1/calls", "{\"from\":\"alice\",\"to\":\"0049\"}");
    assertEquals(404, noRoute.status(), noRoute.toString());
    assertEquals(List.of(new CallCommands.ClickToCall("alice", "0049", Map.of())), requests);

    ApiClient.Answer hold = api.post("/api/v1/calls/c1/hold", "");
    assertEquals(409, hold.status(), hold.toString());
    assertEquals("call c1 has no confirmed dialog", hold.object().getString("error"));

    ApiClient.Answer transfer = api.post("/api/v1/calls/c1/transfer", "{\"to\":\"sip:carol@192.0.2.3\"}");
    assertEquals(502, transfer.status(), transfer.toString());
    assertEquals("the peer answered 603 Decline", transfer.object().getString("error"));
  }

  @Test
  void dtmfIsAskedOfCallControlWhichPicksTheParty() throws Exception {
    ApiClient.Answer answer = api.post("/api/v1/calls/c1/dtmf", "{\"digits\":\"12#\"}");
    assertEquals(202, answer.status(), answer.toString());
    assertEquals(new JsonObject().put("digits", "12#"), answer.object());
    assertEquals(List.of(new CallCommands.SendDigits("c1", "12#")), requests);
  }

  @Test
  void withNobodyServingCallControlTheAnswerIs503() throws Exception {
    ApiClient.Answer answer = api.delete("/api/v1/calls/c1");
    assertEquals(503, answer.status(), answer.toString());
  }

  @Test
  void devicesShowTheirBindingsAsTheRegistrarSeesThem() throws Exception {
    JsonArray devices = api.get("/api/v1/devices").array();
    assertEquals(new JsonObject().put("id", "alice").put("username", "alice").put("extension", "101")
        .put("registered", true)
        .put("contacts", new JsonArray().add(new JsonObject().put("contact", "sip:alice@10.0.0.5:5060")
            .put("source", "198.51.100.4:40123/udp").put("expiresIn", 57)))
        .put("lastSeen", 1_795_000_000_000L), devices.getJsonObject(0));
    assertEquals(false, devices.getJsonObject(1).getBoolean("registered"));
    assertEquals(null, devices.getJsonObject(1).getValue("lastSeen"));
  }

  @Test
  void providersShowTheirRegistrationState() throws Exception {
    JsonArray providers = api.get("/api/v1/providers").array();
    assertEquals("REGISTERED", providers.getJsonObject(0).getString("state"));
    assertEquals("203.0.113.7:5060", providers.getJsonObject(0).getString("publicAddress"));
    assertEquals("NONE", providers.getJsonObject(1).getString("state"));
  }
}
