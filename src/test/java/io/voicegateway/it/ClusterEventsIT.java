package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.HistoryPage;
import io.voicegateway.bus.HistoryQuery;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippPcap;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.it.support.TcpBridgeClient;
import io.voicegateway.media.FeedFrame;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, call events and bridge commands across the cluster: two gateway nodes in this JVM (each its own Vert.x,
 * SIP stack, RTP ports, TCP bridge and Hazelcast member on loopback). A SIPp caller calls the echo app on node B and
 * plays speech. A bridge client of node A (the real TCP bridge, frames written by hand), registered on
 * {@code vg.call.events} and {@code vg.cluster.call.events}, sees that call's events on the latter only, stamped
 * {@code node: "b"}, each once (and B's client its own call on {@code vg.call.events} only); it puts the call on hold, resumes it and hangs it up through A's bridge: SIPp
 * receives the two re-INVITEs and the BYE from B. A's request for the call's 16 kHz feed is refused (409, naming B),
 * while a client of B gets the feed, which is checked against what SIPp sent. A writes no history row for B's call.
 */
class ClusterEventsIT {
  private static final String TOKEN = "test-token";
  private static final int COMPARE_RATE = 8000;
  @Test
  void aBridgeClientOfNodeASeesAndHangsUpACallHeldByNodeB() throws Exception {
    SippRunner.requireSipp();
    Tools.requireFile(Path.of("/usr/share/sip-tester/g711a.pcap"));
    Tools.require("tshark");
    try (TwoNodes nodes = TwoNodes.start("routes:\n  - {direction: inbound, match: echo, app: echo, from: any}")) {
      seeHoldAndHangUpFromA(nodes.a, nodes.b);
    }
  }

  private static void seeHoldAndHangUpFromA(GatewayFixture a, GatewayFixture b) throws Exception {
    assertTrue(GatewayUnderTest.eventually(30, () -> a.gateway().cluster().nodes().size() == 2), "A and B met");
    List<JsonObject> atA = new ArrayList<>();
    List<JsonObject> atB = new ArrayList<>();
    Map<Long, short[]> feed = new TreeMap<>();
    try (TcpBridgeClient clientA = TcpBridgeClient.connect(a.bridgePort(), TOKEN);
        TcpBridgeClient clientB = TcpBridgeClient.connect(b.bridgePort(), TOKEN)) {
      for (String address : List.of(Addresses.CALL_EVENTS, Addresses.CLUSTER_CALL_EVENTS)) {
        clientA.register(address);
        clientB.register(address);
      }
      assertTrue(clientA.ping(10) && clientB.ping(10), "both bridges handled the register frames");
      SippRunner.Running sipp = SippRunner.scenario("uac_pcap_until_bye.xml").start(b.target(), 1, 1, 1);

      JsonObject started = nextEvent(clientA, atA, "CALL_STARTED");
      String callId = started.getString("callId");
      assertEquals("b", started.getString("node"), "stamped with the owner's name: " + started);
      nextEvent(clientA, atA, "CALL_CONNECTED");

      // The feed stays on the call's node: A refuses it, naming B; a client of B gets it.
      JsonObject refused = reply(clientA, Addresses.COMMAND_STREAM, new JsonObject().put("callId", callId)
          .put("enabled", true), atA);
      assertEquals("err", refused.getString("type"), refused.encode());
      assertEquals(409, refused.getInteger("failureCode"), refused.encode());
      assertTrue(refused.getString("message").contains("node b"), refused.encode());
      clientB.register(Addresses.audio(callId));
      assertTrue(clientB.ping(10));
      assertEquals(true, reply(clientB, Addresses.COMMAND_STREAM, new JsonObject().put("callId", callId)
          .put("enabled", true), atB).getJsonObject("body").getBoolean("streaming"));
      collectFeed(clientB, callId, feed, 150, atB); // 3 s of SIPp's speech, as B's mixer hears it

      // Hold, resume and hang-up from A's bridge, carried out by B (SIPp checks sendonly, then sendrecv, then BYE).
      assertEquals(new JsonObject().put("callId", callId).put("held", true), reply(clientA, Addresses.COMMAND_HOLD,
          new JsonObject().put("callId", callId), atA).getJsonObject("body"));
      nextEvent(clientA, atA, "CALL_ON_HOLD");
      assertEquals(new JsonObject().put("callId", callId).put("held", false), reply(clientA,
          Addresses.COMMAND_RESUME, new JsonObject().put("callId", callId), atA).getJsonObject("body"));
      nextEvent(clientA, atA, "CALL_RESUMED");
      assertEquals(new JsonObject().put("callId", callId).put("hungUp", true), reply(clientA,
          Addresses.COMMAND_HANGUP, new JsonObject().put("callId", callId).put("reason", "bot"), atA)
          .getJsonObject("body"));
      nextEvent(clientA, atA, "CALL_TERMINATED");
      SippRunner.Result result = sipp.await();
      assertEquals(1, result.successful(), "SIPp took hold, resume and the BYE from node B: " + result);
      assertTrue(GatewayUnderTest.eventually(10, () -> b.activeCalls() == 0), "the call ended on node B");
      assertEquals(0, a.activeCalls(), "node A held no call");
      drain(clientA, atA);
      drain(clientB, atB);
    }

    List<String> typesAtA = atA.stream().map(e -> e.getString("type")).toList();
    System.out.println("bridge of node A saw: " + typesAtA);
    for (JsonObject event : atA) {
      assertEquals("b", event.getString("node"), "every event of B's call names B: " + event);
      assertEquals(Addresses.CLUSTER_CALL_EVENTS, event.getString("via"),
          "at A, B's call is heard on the address for other nodes' events only: " + event);
    }
    for (String once : List.of("CALL_STARTED", "CALL_CONNECTED", "CALL_ON_HOLD", "CALL_RESUMED", "CALL_TERMINATED")) {
      assertEquals(1, typesAtA.stream().filter(once::equals).count(), once + " exactly once at A: " + typesAtA);
    }
    List<JsonObject> ownAtB = atB.stream().filter(e -> e.getString("type").startsWith("CALL_")).toList();
    assertFalse(ownAtB.isEmpty(), "B's client saw its own call");
    for (JsonObject event : ownAtB) {
      assertNull(event.getString("node"), "a node's own events carry no node: " + event);
      assertEquals(Addresses.CALL_EVENTS, event.getString("via"), "B's own call on its own address, not echoed: "
          + event);
    }
    assertEquals(typesAtA.stream().filter(t -> t.startsWith("CALL_")).toList(),
        ownAtB.stream().map(e -> e.getString("type")).toList(), "A saw B's call events in B's order");

    assertTrue(GatewayUnderTest.eventually(10, () -> historyOf(b) == 1), "B's history has its call");
    assertEquals(0, historyOf(a), "A wrote no row for B's call (it heard of it only for its edges)");

    short[] heard = new short[feed.values().stream().mapToInt(f -> f.length).sum()];
    int at = 0;
    for (short[] f : feed.values()) {
      System.arraycopy(f, 0, heard, at, f.length);
      at += f.length;
    }
    // The feed began when B's client asked for it, seconds into SIPp's 7 s of speech: each of its windows is found
    // in the speech at a lag of up to 6 s (the feed in the role of what was sent, the speech of what came back).
    short[] fed = AudioMatch.resample(heard, 16000, COMPARE_RATE);
    AudioMatch.Result match = AudioMatch.align(fed, SippPcap.g711aSpeech(), COMPARE_RATE, 500, 6000);
    System.out.println("node B's feed vs SIPp's speech: " + match);
    assertTrue(match.windows().size() >= 3, "too little speech to compare: " + match);
    assertTrue(match.medianCorrelation() >= 0.9, match.toString());
  }

  private static long historyOf(GatewayFixture node) {
    return node.<HistoryPage>ask(Addresses.HISTORY_QUERY, HistoryQuery.all()).total();
  }

  /**
   * The call event of {@code type}: already received (an event may overtake the reply to the command that caused
   * it), or the next of that type (others before it are kept too); fails after 30 s without it.
   */
  private static JsonObject nextEvent(TcpBridgeClient client, List<JsonObject> events, String type)
      throws InterruptedException {
    for (JsonObject event : events) {
      if (type.equals(event.getString("type"))) {
        return event;
      }
    }
    while (true) {
      JsonObject frame = client.next(30);
      assertNotNull(frame, "no " + type + " within 30 s; events so far: " + events);
      if (keptCallEvent(frame, events) && type.equals(frame.getJsonObject("body").getString("type"))) {
        return events.get(events.size() - 1);
      }
    }
  }

  /** Sends a command and returns its answer frame (message or err); call events meanwhile are kept. */
  private static JsonObject reply(TcpBridgeClient client, String address, JsonObject body, List<JsonObject> events)
      throws Exception {
    String replyAddress = client.request(address, body);
    while (true) {
      JsonObject frame = client.next(60);
      assertNotNull(frame, "no answer to " + address + " within 60 s");
      if (keptCallEvent(frame, events)) {
        continue;
      } else if ("err".equals(frame.getString("type")) || replyAddress.equals(frame.getString("address"))) {
        return frame;
      }
    }
  }

  /** Keeps {@code count} feed frames of the call, in sequence order; call events meanwhile are kept. */
  private static void collectFeed(TcpBridgeClient client, String callId, Map<Long, short[]> feed, int count,
      List<JsonObject> events) throws InterruptedException {
    while (feed.size() < count) {
      JsonObject frame = client.next(30);
      assertNotNull(frame, "the feed went quiet after " + feed.size() + " frames");
      if (Addresses.audio(callId).equals(frame.getString("address"))) {
        byte[] m = Base64.getUrlDecoder().decode(frame.getString("body"));
        assertEquals(16000, FeedFrame.sampleRate(m));
        feed.put(FeedFrame.sequence(m), FeedFrame.samples(m));
      } else {
        keptCallEvent(frame, events);
      }
    }
  }

  /** The frames still queued or arriving within 2 s: late events (and feed frames, dropped). */
  private static void drain(TcpBridgeClient client, List<JsonObject> events) throws InterruptedException {
    for (JsonObject frame = client.next(2); frame != null; frame = client.next(2)) {
      keptCallEvent(frame, events);
    }
  }

  /**
   * Keeps a call event frame's body, with the address it came on as {@code via} (this node's own calls on
   * {@code vg.call.events}, the other nodes' on {@code vg.cluster.call.events}); false for any other frame.
   */
  private static boolean keptCallEvent(JsonObject frame, List<JsonObject> events) {
    String address = frame.getString("address");
    if (!Addresses.CALL_EVENTS.equals(address) && !Addresses.CLUSTER_CALL_EVENTS.equals(address)) {
      return false;
    }
    events.add(frame.getJsonObject("body").copy().put("via", address));
    return true;
  }
}
