package io.voicegateway.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.CallQueries;
import io.voicegateway.bus.CallState;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.config.ClusterConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on loopback, each a gateway's local bus with a stand-in for call control (it lists its calls and hangs
 * them up): the cluster lists both nodes' calls from either, routes a hang-up to the owner, and forgets the calls of a
 * node that dies (Hazelcast terminated without leaving: no goodbye, as kill -9).
 */
class ClusterRoutingTest {
  private final List<Node> nodes = new java.util.ArrayList<>();

  @Test
  void anyNodeListsAndActsOnEveryCallAndForgetsADeadNodesCalls() throws Exception {
    int portA = freePort();
    int portB = freePort();
    List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
    Node a = start("a", portA, members);
    Node b = start("b", portB, members);
    await().atMost(30, TimeUnit.SECONDS).until(() -> a.cluster.nodes().size() == 2);

    a.callStarted("call-a");
    b.callStarted("call-b");
    CallDirectory directory = new CallDirectory(a.vertx, a.cluster);
    await().atMost(10, TimeUnit.SECONDS).until(() -> b.cluster.nodeId().equals(
        directory.ownerOf("call-b").await(5, TimeUnit.SECONDS)));

    assertEquals(Set.of("call-a", "call-b"), listFrom(a));
    assertEquals(Set.of("call-a", "call-b"), listFrom(b));

    CallCommands.Done done = a.vertx.eventBus().<CallCommands.Done>request(Addresses.CLUSTER_ROUTE,
        new SipCommands.Hangup("call-b", "api"), new DeliveryOptions().addHeader("address", Addresses.SIP_HANGUP)
            .addHeader("callId", "call-b")).await(60, TimeUnit.SECONDS).body();
    assertEquals("call-b", done.callId());
    assertEquals(Set.of("call-a"), listFrom(a), "the owner (b) hung it up");

    b.callStarted("call-b2");
    await().atMost(10, TimeUnit.SECONDS).until(() -> directory.ownerOf("call-b2").await(5, TimeUnit.SECONDS) != null);
    b.cluster.hazelcast().getLifecycleService().terminate(); // no leave message: the others must notice
    await().atMost(Duration.ofSeconds(30)).until(() -> directory.ownerOf("call-b2").await(5, TimeUnit.SECONDS) == null);
    assertEquals(Set.of("call-a"), listFrom(a));
  }

  private static Set<String> listFrom(Node node) throws Exception {
    CallQueries.ActiveCalls calls = node.vertx.eventBus().<CallQueries.ActiveCalls>request(Addresses.CLUSTER_GATHER,
            CallQueries.ActiveCallsQuery.all(), new DeliveryOptions().addHeader("address", Addresses.SIP_CALLS))
        .await(60, TimeUnit.SECONDS).body();
    return calls.calls().stream().map(CallQueries.ActiveCall::id).collect(java.util.stream.Collectors.toSet());
  }

  private Node start(String name, int port, List<String> members) throws Exception {
    ClusterConfig config = new ClusterConfig(true, name, "127.0.0.1", port, members, "127.0.0.1", 0,
        Duration.ofSeconds(1), Duration.ofSeconds(3));
    Vertx local = Vertx.vertx();
    BusCodecs.registerAll(local);
    ClusterNode cluster = ClusterNode.join(config).await(60, TimeUnit.SECONDS);
    Node node = new Node(local, cluster);
    nodes.add(node);
    local.deployVerticle(new ClusterVerticle(cluster)).await(10, TimeUnit.SECONDS);
    node.serveCalls();
    return node;
  }

  @AfterEach
  void stop() {
    for (Node node : nodes) {
      node.vertx.close().await();
      node.cluster.leave().otherwiseEmpty().await();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A node's local bus with a stand-in for call control: the calls it owns, listed and hung up. */
  private record Node(Vertx vertx, ClusterNode cluster, Map<String, CallQueries.ActiveCall> calls) {
    Node(Vertx vertx, ClusterNode cluster) {
      this(vertx, cluster, new ConcurrentHashMap<>());
    }

    void serveCalls() {
      vertx.eventBus().<CallQueries.ActiveCallsQuery>consumer(Addresses.SIP_CALLS,
          msg -> msg.reply(new CallQueries.ActiveCalls(List.copyOf(calls.values()))));
      vertx.eventBus().<SipCommands.Hangup>consumer(Addresses.SIP_HANGUP, msg -> {
        if (calls.remove(msg.body().callId()) == null) {
          msg.fail(404, "no call " + msg.body().callId());
          return;
        }
        vertx.eventBus().publish(Addresses.CALL_EVENTS, event(CallEventType.CALL_TERMINATED, msg.body().callId()));
        msg.reply(new CallCommands.Done(msg.body().callId()));
      });
    }

    void callStarted(String id) {
      calls.put(id, new CallQueries.ActiveCall(id, CallState.CONNECTED, CallDirection.INBOUND, "sip:a@x", "sip:echo@x",
          null, id + "@sip", 0, 0L, 0, Map.of(), List.of()));
      vertx.eventBus().publish(Addresses.CALL_EVENTS, event(CallEventType.CALL_STARTED, id));
    }

    private static CallEvent event(CallEventType type, String id) {
      return new CallEvent(type, id, CallDirection.INBOUND, "sip:a@x", "sip:echo@x", id + "@sip", Map.of(),
          System.currentTimeMillis(), null, 0, null);
    }
  }

}
