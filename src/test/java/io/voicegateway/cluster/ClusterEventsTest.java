package io.voicegateway.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.VoicemailMessages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where another node's events land, on real buses: two nodes' own Vert.x and one more standing in for the clustered
 * bus (a publish there reaches every node's relay, the sender's too, as Hazelcast's does). A node's call events stay on
 * its {@code vg.call.events}, the address history, recording, apps, streams, media and the call directory listen
 * to; the other node receives them once, stamped, on {@code vg.cluster.call.events} only, where the dashboard and
 * the bridges' clients listen. Voicemail events likewise. (That nothing loops, however long it runs, is
 * EventRelayTest's.)
 */
class ClusterEventsTest {
  private static final CallEvent STARTED = new CallEvent(CallEventType.CALL_STARTED, "call-1", CallDirection.INBOUND,
      "sip:a@x", "sip:echo@x", "1@sip", Map.of(), 1_000, null, 0, null);
  private static final VoicemailMessages.Received STORED = new VoicemailMessages.Received(
      CallEventType.VOICEMAIL_RECEIVED, "100", "m1", "sip:a@x", "call-2", 2_000, 3_000);

  private Vertx clustered;
  private Node a;
  private Node b;

  @BeforeEach
  void start() {
    clustered = Vertx.vertx();
    BusCodecs.registerAll(clustered);
    a = new Node("a");
    b = new Node("b");
  }

  @AfterEach
  void stop() throws Exception {
    a.close();
    b.close();
    clustered.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void anotherNodesEventsReachOnlyTheClusterAddressesOnce() {
    b.local.eventBus().publish(Addresses.CALL_EVENTS, STARTED);
    a.local.eventBus().publish(Addresses.VOICEMAIL_EVENTS, STORED);
    CallEvent ended = STARTED.next(CallEventType.CALL_TERMINATED, "remote BYE", 2_000);
    b.local.eventBus().publish(Addresses.CALL_EVENTS, ended);
    a.local.eventBus().publish(Addresses.CALL_EVENTS, STARTED);
    await().atMost(Duration.ofSeconds(10)).until(() -> a.others.size() == 2 && b.others.size() == 2
        && a.own.size() == 1 && b.own.size() == 2 && a.ownVoicemail.size() == 1);

    assertEquals(List.of(STARTED.withNode("b"), ended.withNode("b")), a.others, "b's call, stamped, once each");
    assertEquals(2, b.others.size());
    assertEquals(Set.of(STORED, STARTED.withNode("a")), Set.copyOf(b.others), "a's voicemail and call, once each");
    assertEquals(List.of(STARTED), a.own, "history & co. of a hear a's own call only");
    assertEquals(List.of(STARTED, ended), b.own, "and b's its own only");
    assertEquals(List.of(STORED), a.ownVoicemail);
    assertEquals(List.of(), b.ownVoicemail, "a's voicemail is not b's to index");
  }

  /** One node: its own Vert.x, its relay, and a consumer on each address (the services, the edges). */
  private final class Node {
    final Vertx local = Vertx.vertx();
    final ClusterEvents events;
    final List<CallEvent> own = new CopyOnWriteArrayList<>();
    final List<Object> others = new CopyOnWriteArrayList<>();
    final List<Object> ownVoicemail = new CopyOnWriteArrayList<>();

    Node(String name) {
      BusCodecs.registerAll(local);
      local.eventBus().<CallEvent>consumer(Addresses.CALL_EVENTS, m -> own.add(m.body()));
      local.eventBus().consumer(Addresses.VOICEMAIL_EVENTS, m -> ownVoicemail.add(m.body()));
      local.eventBus().consumer(Addresses.CLUSTER_CALL_EVENTS, m -> others.add(m.body()));
      local.eventBus().consumer(Addresses.CLUSTER_VOICEMAIL_EVENTS, m -> others.add(m.body()));
      events = new ClusterEvents(clustered, "id-" + name, name, local);
      events.open();
    }

    void close() throws Exception {
      events.close();
      local.close().await(10, TimeUnit.SECONDS);
    }
  }
}
