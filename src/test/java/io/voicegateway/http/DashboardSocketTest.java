package io.voicegateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.TrunkRegistrationEvent;
import io.voicegateway.bus.TrunkState;
import io.voicegateway.bus.VoicemailMessages;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashboardSocketTest {
  private static final String TOKEN = "s3cret";
  private Vertx vertx;
  private HttpServer server;
  private WebSocketClient client;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    BusCodecs.registerAll(vertx);
    Router router = Router.router(vertx);
    JsonArray calls = new JsonArray().add(new JsonObject().put("id", "c1").put("state", "CONNECTED"));
    DashboardSocket.mount(router, vertx, new ApiAuth(TOKEN), () -> Future.succeededFuture(calls));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    client = vertx.createWebSocketClient();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private WebSocketConnectOptions options(String query) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.actualPort())
        .setURI(DashboardSocket.PATH + query);
  }

  private BlockingQueue<JsonObject> connect(WebSocketConnectOptions options) throws Exception {
    BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    client.connect(options).await(10, TimeUnit.SECONDS)
        .textMessageHandler(text -> received.add(new JsonObject(text)));
    return received;
  }

  private static JsonObject next(BlockingQueue<JsonObject> queue, String type) throws InterruptedException {
    for (int i = 0; i < 20; i++) {
      JsonObject m = queue.poll(5, TimeUnit.SECONDS);
      if (m == null) {
        break;
      }
      if (type.equals(m.getString("type"))) {
        return m;
      }
    }
    throw new AssertionError("no " + type + " message");
  }

  @Test
  void rejectsAConnectionWithoutTheToken() {
    for (String query : new String[] {"", "?token=wrong"}) {
      ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
          () -> client.connect(options(query)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof UpgradeRejectedException, e.toString());
      assertEquals(401, ((UpgradeRejectedException) e.getCause()).getStatus());
    }
  }

  @Test
  void pushesASnapshotAtOnceThenEventsTrunkChangesAndVoicemail() throws Exception {
    BlockingQueue<JsonObject> received = connect(options("?token=" + TOKEN));
    assertEquals("c1", next(received, "calls").getJsonArray("calls").getJsonObject(0).getString("id"));

    vertx.eventBus().publish(Addresses.CALL_EVENTS, new CallEvent(CallEventType.CALL_CONNECTED, "c1", CallDirection.INBOUND,
        "alice", "echo", "sip-1", Map.of("X-Tenant", "t1"), 42, null, 0, null));
    JsonObject event = next(received, "event").getJsonObject("event");
    assertEquals("CALL_CONNECTED", event.getString("type"));
    assertEquals("t1", event.getJsonObject("headers").getString("X-Tenant"));

    vertx.eventBus().publish(Addresses.TRUNK_REGISTRATION_EVENTS,
        new TrunkRegistrationEvent("sip:me@trunk", TrunkState.REGISTERED, 99, null, 0, "1.2.3.4:5060", 7));
    JsonObject trunk = next(received, "trunk").getJsonObject("trunk");
    assertEquals("REGISTERED", trunk.getString("state"));
    assertEquals("1.2.3.4:5060", trunk.getString("publicAddress"));

    vertx.eventBus().publish(Addresses.VOICEMAIL_EVENTS, new VoicemailMessages.Received(
        CallEventType.VOICEMAIL_RECEIVED, "alice", "m1", "sip:bob@example.com", "c2", 4200, 1234));
    JsonObject voicemail = next(received, "voicemail").getJsonObject("voicemail");
    assertEquals("VOICEMAIL_RECEIVED", voicemail.getString("type"));
    assertEquals("alice", voicemail.getString("box"));
    assertEquals("m1", voicemail.getString("messageId"));
    assertEquals(4200, voicemail.getLong("durationMs"));

    // and the once-a-second snapshot keeps coming
    assertEquals("calls", next(received, "calls").getString("type"));
  }

  @Test
  void alsoPushesTheOtherNodesCallAndVoicemailEventsInClusterMode() throws Exception {
    BlockingQueue<JsonObject> received = connect(options("?token=" + TOKEN));
    next(received, "calls");
    // what the cluster relay re-publishes on this node for a call node b holds (docs/scale-out.md)
    vertx.eventBus().publish(Addresses.CLUSTER_CALL_EVENTS, new CallEvent(CallEventType.CALL_STARTED, "c9",
        CallDirection.INBOUND, "alice", "echo", "sip-9", Map.of(), 42, null, 0, null).withNode("b"));
    JsonObject event = next(received, "event").getJsonObject("event");
    assertEquals("c9", event.getString("callId"));
    assertEquals("b", event.getString("node"));

    vertx.eventBus().publish(Addresses.CLUSTER_VOICEMAIL_EVENTS, new VoicemailMessages.Received(
        CallEventType.VOICEMAIL_RECEIVED, "bob", "m9", "sip:carol@example.com", "c9", 1000, 5678));
    assertEquals("m9", next(received, "voicemail").getJsonObject("voicemail").getString("messageId"));
  }

  @Test
  void acceptsTheLoginCookie() throws Exception {
    BlockingQueue<JsonObject> received = connect(options("").addHeader("Cookie", ApiAuth.COOKIE + "=" + TOKEN));
    assertEquals("calls", next(received, "calls").getString("type"));
  }
}
