package io.voicegateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.VoicemailMessages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The relay's decisions, on fakes: a node's own event goes out once, stamped with its name; another node's comes in
 * once; nothing echoes. Three fake nodes wired as the clustered bus wires them (a publish reaches every member, the
 * sender included) show that one event is seen exactly once on every node, however long it runs.
 */
class EventRelayTest {
  private static final CallEvent STARTED = new CallEvent(CallEventType.CALL_STARTED, "call-1", CallDirection.INBOUND,
      "sip:a@x", "sip:echo@x", "1@sip", Map.of("X-Id", "7"), 1_000, null, 0, null);

  @Test
  void ownEventsLeaveOnceStampedWithTheNodesName() {
    EventRelay relay = new EventRelay("id-a", "a");
    CallEvent out = (CallEvent) relay.outbound(STARTED, null);
    assertEquals("a", out.node());
    assertTrue(out.fromAnotherNode(), "on the other nodes it is another node's");
    assertEquals(STARTED.withNode("a"), out);
    assertFalse(STARTED.fromAnotherNode(), "a node's own event carries no node");
  }

  @Test
  void anEventFromTheClusterIsNeverSentBack() {
    EventRelay relay = new EventRelay("id-a", "a");
    assertNull(relay.outbound(STARTED.withNode("b"), "id-b"), "re-published here: not ours");
    assertNull(relay.outbound(STARTED.withNode("b"), null), "stamped by another node, whatever the headers");
    VoicemailMessages.Received voicemail = new VoicemailMessages.Received(CallEventType.VOICEMAIL_RECEIVED, "100", "m1", "sip:a@x", "call-1",
        2_000, 3_000);
    assertNull(relay.outbound(voicemail, "id-b"), "a voicemail event is told by its origin header");
    assertSame(voicemail, relay.outbound(voicemail, null));
  }

  @Test
  void theClustersCopyOfOnesOwnEventIsDropped() {
    EventRelay relay = new EventRelay("id-a", "a");
    assertNull(relay.inbound(STARTED.withNode("a"), "id-a"), "the clustered bus delivers to the publisher too");
    assertNull(relay.inbound(STARTED.withNode("b"), null), "no origin: not relayed by a node");
    assertEquals(STARTED.withNode("b"), relay.inbound(STARTED.withNode("b"), "id-b"));
    assertEquals("id-b", ((CallEvent) relay.inbound(STARTED, "id-b")).node(), "unstamped: the origin id stands in");
  }

  @Test
  void inAClusterOfThreeEveryEventIsSeenOnceOnEveryNodeAndNeverLoops() {
    FakeCluster cluster = new FakeCluster(List.of("a", "b", "c"));
    cluster.publishLocally("b", STARTED); // b's call control publishes on b's bus
    cluster.publishLocally("c", STARTED.next(CallEventType.CALL_TERMINATED, "remote BYE", 2_000));
    cluster.runUntilQuiet(100);
    assertEquals(List.of(STARTED.withNode("b"), STARTED.withNode("c").next(CallEventType.CALL_TERMINATED,
        "remote BYE", 2_000)), cluster.seen.get("a"));
    assertEquals(2, cluster.seen.get("b").size(), "b's own event once, c's once");
    assertFalse(cluster.seen.get("b").get(0).fromAnotherNode());
    assertEquals("c", cluster.seen.get("b").get(1).node());
    assertEquals(List.of(STARTED.withNode("b")), cluster.seen.get("c").subList(1, 2));
    assertEquals(2, cluster.clusterPublishes, "two events, each published to the cluster once, by its owner only");
  }

  /**
   * Nodes with a local bus each (every publish reaches the local consumers, the relay among them) and one clustered
   * bus (a publish reaches every node's relay, the sender's too), run as a queue of deliveries until none is left.
   */
  private static final class FakeCluster {
    final Map<String, EventRelay> relays = new HashMap<>();
    final Map<String, List<CallEvent>> seen = new HashMap<>();
    final List<Runnable> queue = new ArrayList<>();
    int clusterPublishes;

    FakeCluster(List<String> names) {
      for (String name : names) {
        relays.put(name, new EventRelay("id-" + name, name));
        seen.put(name, new ArrayList<>());
      }
    }

    void publishLocally(String node, CallEvent event) {
      publishLocally(node, event, null);
    }

    private void publishLocally(String node, CallEvent event, String origin) {
      queue.add(() -> {
        seen.get(node).add(event); // the dashboard's (or a bridge client's) consumer on this node
        Object out = relays.get(node).outbound(event, origin);
        if (out != null) {
          clusterPublishes++;
          for (String other : relays.keySet()) {
            queue.add(() -> {
              Object in = relays.get(other).inbound(out, "id-" + node);
              if (in != null) {
                publishLocally(other, (CallEvent) in, "id-" + node);
              }
            });
          }
        }
      });
    }

    void runUntilQuiet(int bound) {
      for (int i = 0; !queue.isEmpty(); i++) {
        if (i > bound) {
          throw new AssertionError("still delivering after " + bound + " steps: the events loop");
        }
        queue.remove(0).run();
      }
    }
  }
}
