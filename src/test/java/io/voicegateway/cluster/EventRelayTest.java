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
 * once, on the address for other nodes' events; nothing echoes. Three fake nodes wired as the clustered bus wires them (a publish reaches every member, the
 * sender included) show that one event is seen exactly once on every node, however long it runs.
 */
class EventRelayTest {
  private static final CallEvent STARTED = new CallEvent(CallEventType.CALL_STARTED, "call-1", CallDirection.INBOUND,
      "sip:a@x", "sip:echo@x", "1@sip", Map.of("X-Id", "7"), 1_000, null, 0, null);

  private static final String CALLS = Addresses.CALL_EVENTS;

  @Test
  void ownEventsLeaveOnceStampedWithTheNodesName() {
    EventRelay relay = new EventRelay("id-a", "a");
    CallEvent out = (CallEvent) relay.outbound(STARTED);
    assertEquals("a", out.node());
    assertTrue(out.fromAnotherNode(), "on the other nodes it is another node's");
    assertEquals(STARTED.withNode("a"), out);
    assertFalse(STARTED.fromAnotherNode(), "a node's own event carries no node");
    VoicemailMessages.Received voicemail = new VoicemailMessages.Received(CallEventType.VOICEMAIL_RECEIVED, "100",
        "m1", "sip:a@x", "call-1", 2_000, 3_000);
    assertSame(voicemail, relay.outbound(voicemail));
  }

  @Test
  void anEventStampedByAnotherNodeIsNeverSentOut() {
    assertNull(new EventRelay("id-a", "a").outbound(STARTED.withNode("b")), "not a's to send: it would loop");
  }

  @Test
  void anotherNodesEventsLandOnTheirOwnAddresses() {
    assertEquals(Addresses.CLUSTER_CALL_EVENTS, EventRelay.RELAYED.get(Addresses.CALL_EVENTS));
    assertEquals(Addresses.CLUSTER_VOICEMAIL_EVENTS, EventRelay.RELAYED.get(Addresses.VOICEMAIL_EVENTS));
    assertFalse(EventRelay.RELAYED.containsKey(Addresses.TRUNK_REGISTRATION_EVENTS), "each node meters its trunks");
    assertFalse(EventRelay.RELAYED.containsValue(Addresses.CALL_EVENTS), "never where history & co. listen");
    assertNull(new EventRelay("id-a", "a").inbound(Addresses.TRUNK_REGISTRATION_EVENTS, STARTED, "id-b"),
        "an address that is not relayed");
  }

  @Test
  void theClustersCopyOfOnesOwnEventIsDropped() {
    EventRelay relay = new EventRelay("id-a", "a");
    assertNull(relay.inbound(CALLS, STARTED.withNode("a"), "id-a"), "the clustered bus delivers to the publisher too");
    assertNull(relay.inbound(CALLS, STARTED.withNode("b"), null), "no origin: not relayed by a node");
    assertEquals(STARTED.withNode("b"), relay.inbound(CALLS, STARTED.withNode("b"), "id-b"));
    assertEquals("id-b", ((CallEvent) relay.inbound(CALLS, STARTED, "id-b")).node(), "unstamped: the origin id stands in");
  }

  @Test
  void inAClusterOfThreeEveryEventIsSeenOnceOnEveryNodeAndNeverLoops() {
    FakeCluster cluster = new FakeCluster(List.of("a", "b", "c"));
    cluster.publishLocally("b", STARTED); // b's call control publishes on b's bus
    CallEvent ended = STARTED.next(CallEventType.CALL_TERMINATED, "remote BYE", 2_000);
    cluster.publishLocally("c", ended);
    cluster.runUntilQuiet(100);
    assertEquals(List.of(STARTED.withNode("b"), ended.withNode("c")), cluster.others.get("a"));
    assertEquals(List.of(), cluster.own.get("a"), "a's services hear nothing of b's and c's calls");
    assertEquals(List.of(STARTED), cluster.own.get("b"), "b's own event once, unstamped");
    assertEquals(List.of(ended.withNode("c")), cluster.others.get("b"), "c's once");
    assertEquals(List.of(STARTED.withNode("b")), cluster.others.get("c"));
    assertEquals(2, cluster.clusterPublishes, "two events, each published to the cluster once, by its owner only");
  }

  /**
   * Nodes with a local bus each (a publish on the node's own address reaches its services and its relay; one on the
   * address for other nodes' events reaches only the edges) and one clustered bus (a publish reaches every node's
   * relay, the sender's too), run as a queue of deliveries until none is left.
   */
  private static final class FakeCluster {
    final Map<String, EventRelay> relays = new HashMap<>();
    final Map<String, List<CallEvent>> own = new HashMap<>();
    final Map<String, List<CallEvent>> others = new HashMap<>();
    final List<Runnable> queue = new ArrayList<>();
    int clusterPublishes;

    FakeCluster(List<String> names) {
      for (String name : names) {
        relays.put(name, new EventRelay("id-" + name, name));
        own.put(name, new ArrayList<>());
        others.put(name, new ArrayList<>());
      }
    }

    void publishLocally(String node, CallEvent event) {
      queue.add(() -> {
        own.get(node).add(event); // history, recording, apps... of this node
        Object out = relays.get(node).outbound(event);
        if (out != null) {
          clusterPublishes++;
          for (String other : relays.keySet()) {
            queue.add(() -> {
              Object in = relays.get(other).inbound(CALLS, out, "id-" + node);
              if (in != null) {
                queue.add(() -> others.get(other).add((CallEvent) in)); // on RELAYED.get(CALLS): the edges only
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
