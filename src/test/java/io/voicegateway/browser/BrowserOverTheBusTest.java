package io.voicegateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.bus.WebRtcCommands;
import io.voicegateway.codec.CodecType;
import io.voicegateway.control.Call;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.policy.Bridge;
import io.voicegateway.http.ApiAuth;
import io.voicegateway.http.DashboardSocket;
import io.voicegateway.testing.JsonMessages;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard phone end to end but for the media: the page's JSON on the dashboard socket, the bus, the browser leg
 * kind on one context with call control, and a stand-in for the transport side answering vg.media.webrtc.open and the
 * leg commands.
 */
class BrowserOverTheBusTest {
  private static final String TOKEN = "t0ken";
  private Vertx vertx;
  private Context control;
  private BrowserHarness h;
  private HttpServer server;
  /** Held: Vert.x closes a client nobody references any more, and its sockets with it. */
  private WebSocketClient client;
  private final List<Object> media = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    BusCodecs.registerAll(vertx);
    var bus = vertx.eventBus();
    bus.<WebRtcCommands.MediaOffer>consumer(Addresses.MEDIA_WEBRTC_OPEN, m -> {
      media.add(m.body());
      m.reply(new WebRtcCommands.MediaAnswer(m.body().legId(), 40000, "v=0 answer", 111, 110));
    });
    bus.<MediaCommands.LegMove>consumer(Addresses.MEDIA_LEG_MOVE, m -> {
      media.add(m.body());
      m.reply(m.body());
    });
    bus.<MediaCommands.LegStart>consumer(Addresses.MEDIA_LEG_START, m -> {
      media.add(m.body());
      m.reply(m.body());
    });
    bus.<MediaCommands.LegClose>consumer(Addresses.MEDIA_LEG_CLOSE, m -> media.add(m.body()));
    h = new BrowserHarness(vertx);
    control = vertx.getOrCreateContext();
    Promise<Void> registered = Promise.promise();
    control.runOnContext(v -> BrowserBusApi.register(vertx, h.signalling).<Void>mapEmpty().onComplete(registered));
    registered.future().await(10, TimeUnit.SECONDS);
    Router router = Router.router(vertx);
    DashboardSocket.mount(router, vertx, new ApiAuth(TOKEN), () -> Future.succeededFuture(new JsonArray()));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    client = vertx.createWebSocketClient();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private record Page(WebSocket ws, BlockingQueue<JsonObject> received) {
    void send(JsonObject message) {
      ws.writeTextMessage(message.encode());
    }

    JsonObject next(String type) throws InterruptedException {
      return JsonMessages.next(received, type);
    }
  }

  private Page page() throws Exception {
    BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
        .setPort(server.actualPort()).setURI(DashboardSocket.PATH + "?token=" + TOKEN)).await(10, TimeUnit.SECONDS);
    ws.textMessageHandler(text -> received.add(new JsonObject(text)));
    return new Page(ws, received);
  }

  private String pendingCall(String number) throws Exception {
    return vertx.eventBus().<WebRtcCommands.PhoneCallCreated>request(Addresses.WEBRTC_CALL,
        new WebRtcCommands.PhoneCall(null, number, Map.of())).await(10, TimeUnit.SECONDS).body().callId();
  }

  @Test
  void thePagePlacesACallInThreeStepsAndItsSocketClosingFreesThePort() throws Exception {
    Page page = page();
    String callId = pendingCall("echo");

    page.send(new JsonObject().put("type", "webrtc.link").put("id", 1).put("sessionId", "s0").put("callId", callId));
    JsonObject early = page.next("error");
    assertEquals(409, early.getInteger("status"));
    assertEquals("webrtc.link", early.getString("op"));
    assertEquals(1, early.getInteger("id"));

    callId = pendingCall("echo");
    page.send(new JsonObject().put("type", "webrtc.offer").put("id", 2).put("sessionId", "s1").put("sdp", "v=0 offer"));
    JsonObject answer = page.next("webrtc.answer");
    assertEquals("v=0 answer", answer.getString("sdp"));
    assertEquals(2, answer.getInteger("id"));
    page.send(new JsonObject().put("type", "webrtc.link").put("id", 3).put("sessionId", "s1").put("callId", callId));
    JsonObject linked = page.next("webrtc.linked");
    assertEquals(callId, linked.getString("callId"));

    WebRtcCommands.MediaOffer opened = (WebRtcCommands.MediaOffer) media.stream()
        .filter(m -> m instanceof WebRtcCommands.MediaOffer).findFirst().orElseThrow();
    assertEquals(WebRtcCommands.sessionCallId("s1"), opened.callId());
    assertTrue(media.contains(new MediaCommands.LegMove(WebRtcCommands.sessionCallId("s1"), callId, opened.legId())));
    MediaCommands.LegStart started = (MediaCommands.LegStart) media.stream()
        .filter(m -> m instanceof MediaCommands.LegStart).findFirst().orElseThrow();
    assertEquals(CodecType.OPUS, started.codec());
    assertEquals(110, started.dtmfPayloadType());

    page.ws().close().await(10, TimeUnit.SECONDS);
    for (int i = 0; i < 100 && media.stream().noneMatch(m -> m instanceof MediaCommands.LegClose); i++) {
      Thread.onSpinWait();
      vertx.timer(20).await(10, TimeUnit.SECONDS);
    }
    assertTrue(media.contains(new MediaCommands.LegClose(callId, opened.legId(), "the page went away")),
        "the page's socket closing ends its call: " + media);
  }

  @Test
  void aLoggedInPageIsRungAndAnswersWithItsSession() throws Exception {
    Page page = page();
    page.send(new JsonObject().put("type", "phone.register").put("device", "alice").put("password", "nope"));
    assertEquals(403, page.next("error").getInteger("status"));
    page.send(new JsonObject().put("type", "phone.register").put("id", "r").put("device", "alice")
        .put("password", "secret-a"));
    assertEquals("alice", page.next("phone.registered").getString("device"));

    FakeEndpoint caller = new FakeEndpoint();
    Promise<Call> rung = Promise.promise();
    control.runOnContext(v -> {
      Call call = new Call(CallDirection.INBOUND, "sip:0301234@trunk", "sip:500@gw", "cid", Map.of(), 0);
      h.calls.add(call);
      Leg leg = Leg.of(LegKind.SIP, CallDirection.INBOUND);
      leg.endpoint(caller);
      h.calls.addLeg(call, leg);
      h.control.bridge().ring(call, new Bridge.Caller(caller, "0301234", Map.of(), false),
          h.control.router().route("500").orElseThrow());
      rung.complete(call);
    });
    Call call = rung.future().await(10, TimeUnit.SECONDS);

    JsonObject incoming = page.next("phone.incoming");
    assertEquals(call.id(), incoming.getString("callId"));
    assertEquals("0301234", incoming.getString("from"));
    page.send(new JsonObject().put("type", "webrtc.offer").put("sessionId", "in1").put("sdp", "v=0 offer"));
    page.next("webrtc.answer");
    page.send(new JsonObject().put("type", "webrtc.link").put("sessionId", "in1").put("callId", call.id()));
    assertEquals(call.id(), page.next("webrtc.linked").getString("callId"));

    Promise<List<String>> said = Promise.promise();
    control.runOnContext(v -> said.complete(List.copyOf(caller.said)));
    assertEquals(List.of("180", "answer"), said.future().await(10, TimeUnit.SECONDS));
  }

  @Test
  void badMessagesGetAnErrorNamingTheirOp() throws Exception {
    Page page = page();
    page.ws().writeTextMessage("not json");
    assertEquals(400, page.next("error").getInteger("status"));
    page.send(new JsonObject().put("type", "phone.dance").put("id", 7));
    JsonObject error = page.next("error");
    assertEquals("phone.dance", error.getString("op"));
    assertEquals(7, error.getInteger("id"));
    page.send(new JsonObject().put("type", "webrtc.offer").put("sessionId", "s9"));
    assertEquals(400, page.next("error").getInteger("status"));
    page.send(new JsonObject().put("type", "phone.decline").put("callId", "nope"));
    assertEquals(404, page.next("error").getInteger("status"));
  }
}
