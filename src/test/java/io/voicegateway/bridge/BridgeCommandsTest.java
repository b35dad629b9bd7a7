package io.voicegateway.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.CallBus;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.RecordingCommands;
import io.voicegateway.bus.SipCommands;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridges' commands on a bus with stand-ins for call control and the cluster: on a single node each goes straight
 * to its address; in cluster mode through {@code vg.cluster.route} naming the call and the address, as the REST
 * API's; the audio feed of a call held elsewhere is refused, naming the node; bad bodies are 400s.
 */
class BridgeCommandsTest {
  private final Vertx vertx = Vertx.vertx();
  /** What reached the stand-ins: "address callId" for a direct request, "route address callId" for a routed one. */
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private void start(boolean clustered) throws Exception {
    BusCodecs.registerAll(vertx);
    vertx.eventBus().<Object>consumer(Addresses.SIP_HANGUP, msg -> serve(msg, null));
    vertx.eventBus().<Object>consumer(Addresses.CALL_HOLD, msg -> serve(msg, null));
    vertx.eventBus().<Object>consumer(Addresses.SIP_STREAM, msg -> serve(msg, null));
    vertx.eventBus().<Object>consumer(Addresses.CLUSTER_ROUTE, msg -> serve(msg, msg.headers().get("address")));
    vertx.eventBus().<String>consumer(Addresses.CLUSTER_OWNER, msg -> msg.reply(new JsonObject()
        .put("callId", msg.body()).put("node", "id-" + msg.body()).put("name", "node-b")
        .put("local", msg.body().startsWith("here"))));
    new BridgeCommands(vertx.eventBus(), new CallBus(vertx, clustered)).register().await(10, TimeUnit.SECONDS);
  }

  /** Call control's stand-in: answers each command as call control does; {@code routed} the route's address. */
  private void serve(Message<Object> msg, String routed) {
    Object body = msg.body();
    String address = routed != null ? routed : msg.address();
    String callId = callIdOf(body);
    if (routed != null) {
      assertEquals(callId, msg.headers().get("callId"), "the route names the call it goes to");
    }
    seen.add((routed != null ? "route " : "") + address + " " + callId);
    if ("gone".equals(callId)) {
      msg.fail(404, "no call gone");
      return;
    }
    if (body instanceof SipCommands.Transfer) {
      msg.reply(new CallCommands.Transferred(callId, 202));
    } else if (body instanceof SipCommands.Stream s) {
      msg.reply(new JsonObject().put("callId", callId).put("streaming", s.enabled())
          .put("address", Addresses.audio(callId)));
    } else if (body instanceof RecordingCommands.Record r) {
      msg.reply(new RecordingCommands.Recording(callId, r.on(), "/rec/" + callId + ".wav"));
    } else {
      msg.reply(new CallCommands.Done(callId));
    }
  }

  private static String callIdOf(Object body) {
    if (body instanceof SipCommands.Hangup h) {
      return h.callId();
    } else if (body instanceof CallCommands.Hold h) {
      return h.callId();
    } else if (body instanceof CallCommands.Resume r) {
      return r.callId();
    } else if (body instanceof CallCommands.SendDigits d) {
      return d.callId();
    } else if (body instanceof SipCommands.Transfer t) {
      return t.callId();
    } else if (body instanceof SipCommands.Stream s) {
      return s.callId();
    } else if (body instanceof RecordingCommands.Record r) {
      return r.callId();
    }
    return "?";
  }

  private Future<JsonObject> send(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body).map(Message::body);
  }

  private static int failureCode(Future<?> f) {
    Awaitility.await().atMost(10, TimeUnit.SECONDS).until(f::isComplete);
    return f.failed() && f.cause() instanceof ReplyException e ? e.failureCode() : -1;
  }

  private static JsonObject ok(Future<JsonObject> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  @Test
  void onASingleNodeEachCommandGoesStraightToCallControl() throws Exception {
    start(false);
    assertEquals(new JsonObject().put("callId", "c1").put("hungUp", true),
        ok(send(Addresses.COMMAND_HANGUP, new JsonObject().put("callId", "c1"))));
    assertEquals(new JsonObject().put("callId", "c1").put("held", true),
        ok(send(Addresses.COMMAND_HOLD, new JsonObject().put("callId", "c1"))));
    assertEquals(Addresses.audio("c1"), ok(send(Addresses.COMMAND_STREAM,
        new JsonObject().put("callId", "c1").put("enabled", true))).getString("address"));
    assertEquals(List.of(Addresses.SIP_HANGUP + " c1", Addresses.CALL_HOLD + " c1", Addresses.SIP_STREAM + " c1"),
        seen, "no route, no owner asked: nothing of the cluster runs");
    assertEquals(404, failureCode(send(Addresses.COMMAND_HANGUP, new JsonObject().put("callId", "gone"))));
  }

  @Test
  void inClusterModeEveryCallCommandIsRoutedToTheCallsOwner() throws Exception {
    start(true);
    ok(send(Addresses.COMMAND_HANGUP, new JsonObject().put("callId", "b1").put("reason", "bot")));
    ok(send(Addresses.COMMAND_HOLD, new JsonObject().put("callId", "b1")));
    assertEquals(new JsonObject().put("callId", "b1").put("held", false),
        ok(send(Addresses.COMMAND_RESUME, new JsonObject().put("callId", "b1"))));
    assertEquals("12#", ok(send(Addresses.COMMAND_DTMF, new JsonObject().put("callId", "b1").put("digits", "12#")))
        .getString("digits"));
    assertEquals(202, ok(send(Addresses.COMMAND_TRANSFER, new JsonObject().put("callId", "b1")
        .put("to", "sip:alice@example.com"))).getInteger("status"));
    assertEquals("/rec/b1.wav", ok(send(Addresses.COMMAND_RECORDING, new JsonObject().put("callId", "b1")
        .put("enabled", true))).getString("file"));
    assertEquals(List.of("route " + Addresses.SIP_HANGUP + " b1", "route " + Addresses.CALL_HOLD + " b1",
        "route " + Addresses.CALL_RESUME + " b1", "route " + Addresses.CALL_DTMF + " b1",
        "route " + Addresses.SIP_TRANSFER + " b1", "route " + Addresses.CALL_RECORDING + " b1"), seen);
    assertEquals(404, failureCode(send(Addresses.COMMAND_HOLD, new JsonObject().put("callId", "gone"))),
        "the owner's failure code comes back unchanged");
  }

  @Test
  void inClusterModeTheAudioFeedOfAnotherNodesCallIsRefusedNamingTheNode() throws Exception {
    start(true);
    Future<JsonObject> remote = send(Addresses.COMMAND_STREAM, new JsonObject().put("callId", "b1")
        .put("enabled", true));
    assertEquals(409, failureCode(remote));
    assertTrue(remote.cause().getMessage().contains("node node-b"), remote.cause().getMessage());
    assertEquals(List.of(), seen, "the feed was not started where nobody here can hear it");
    assertEquals(Addresses.audio("here1"), ok(send(Addresses.COMMAND_STREAM, new JsonObject()
        .put("callId", "here1").put("enabled", true))).getString("address"));
    assertEquals(List.of("route " + Addresses.SIP_STREAM + " here1"), seen);
  }

  @Test
  void badBodiesAre400sAndReachNobody() throws Exception {
    start(true);
    assertEquals(400, failureCode(send(Addresses.COMMAND_DTMF, new JsonObject().put("callId", "b1")
        .put("digits", "12x"))));
    assertEquals(400, failureCode(send(Addresses.COMMAND_DTMF, new JsonObject().put("callId", "b1"))));
    assertEquals(400, failureCode(send(Addresses.COMMAND_TRANSFER, new JsonObject().put("callId", "b1")
        .put("to", "http://example.com"))));
    assertEquals(400, failureCode(send(Addresses.COMMAND_RECORDING, new JsonObject().put("callId", "b1")
        .put("enabled", "yes"))));
    assertEquals(400, failureCode(send(Addresses.COMMAND_HOLD, new JsonObject().put("call", "b1"))));
    assertEquals(400, failureCode(vertx.eventBus().request(Addresses.COMMAND_RESUME, "b1")));
    assertEquals(List.of(), seen);
  }
}
