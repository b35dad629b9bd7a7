package io.voicegateway.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.voicegateway.config.ClusterConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared registrations over two real Hazelcast members on loopback: what one node puts the other sees (and the
 * putter does not see as "elsewhere"), a withdrawal and a lapsed TTL take it away on the other node, and a node that
 * joins later loads what was published before.
 */
class ClusterBindingsTest {
  private final List<ClusterNode> nodes = new ArrayList<>();

  @Test
  void aBindingPutOnOneNodeIsSeenOnTheOtherUntilWithdrawnOrLapsed() throws Exception {
    int portA = freePort();
    int portB = freePort();
    List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
    ClusterNode a = join("a", portA, members);
    ClusterBindings sharedA = ClusterBindings.open(a).await(30, TimeUnit.SECONDS);
    JsonObject early = new JsonObject().put("contact", "sip:bob@127.0.0.1:5062");
    sharedA.put("bob", "sip:bob@127.0.0.1:5062", early, 60_000);

    ClusterNode b = join("b", portB, members);
    await().atMost(30, TimeUnit.SECONDS).until(() -> a.nodes().size() == 2);
    ClusterBindings sharedB = ClusterBindings.open(b).await(30, TimeUnit.SECONDS);
    await().atMost(10, TimeUnit.SECONDS).until(() -> sharedB.elsewhere("bob").size() == 1);
    assertEquals("sip:bob@127.0.0.1:5062", sharedB.elsewhere("bob").get(0).getString("contact"),
        "published before B joined: loaded on joining");

    JsonObject alice = new JsonObject().put("contact", "sip:alice@127.0.0.1:5061");
    sharedA.put("alice", "sip:alice@127.0.0.1:5061", alice, 60_000);
    await().atMost(10, TimeUnit.SECONDS).until(() -> sharedB.elsewhere("alice").size() == 1);
    assertTrue(sharedA.elsewhere("alice").isEmpty(), "a node's own bindings are not 'elsewhere'");

    sharedA.remove("alice", "sip:alice@127.0.0.1:5061");
    await().atMost(10, TimeUnit.SECONDS).until(() -> sharedB.elsewhere("alice").isEmpty());

    sharedA.put("carol", "sip:carol@127.0.0.1:5063", new JsonObject(), 1_000);
    await().atMost(10, TimeUnit.SECONDS).until(() -> sharedB.elsewhere("carol").size() == 1);
    // Hazelcast's expiry: the entry goes from the map, and the expired event from B's replica
    await().atMost(Duration.ofSeconds(30)).until(() -> sharedB.elsewhere("carol").isEmpty());
  }

  @Test
  void whenANodeLeavesItsStreamBindingsGoAtOnceAndItsUdpOnesStayUntilTheyLapse() throws Exception {
    int portA = freePort();
    int portB = freePort();
    List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
    ClusterNode a = join("a", portA, members);
    ClusterNode b = join("b", portB, members);
    await().atMost(30, TimeUnit.SECONDS).until(() -> a.nodes().size() == 2 && b.nodes().size() == 2);
    ClusterBindings sharedA = ClusterBindings.open(a, "sip:127.0.0.1:5070").await(30, TimeUnit.SECONDS);
    ClusterBindings sharedB = ClusterBindings.open(b, "sip:127.0.0.1:5080").await(30, TimeUnit.SECONDS);
    await().atMost(10, TimeUnit.SECONDS).until(() -> sharedB.otherSipUris().equals(List.of("sip:127.0.0.1:5070")));
    assertEquals(List.of("sip:127.0.0.1:5080"), sharedA.otherSipUris(), "each node sees the others' SIP address");
    assertArrayEquals(sharedA.secret(), sharedB.secret(), "one secret for the whole cluster");
    assertEquals(32, sharedA.secret().length);

    sharedA.put("bob", "sip:bob@10.0.0.2;transport=tcp", new JsonObject().put("transport", "tcp"), 600_000);
    sharedA.put("bob", "sip:bob@10.0.0.3", new JsonObject().put("transport", "udp"), 600_000);
    await().atMost(10, TimeUnit.SECONDS).until(() -> sharedB.elsewhere("bob").size() == 2);

    nodes.remove(a);
    a.leave().await(30, TimeUnit.SECONDS); // its TCP connections are gone with it
    await().atMost(30, TimeUnit.SECONDS).until(() -> sharedB.elsewhere("bob").size() == 1);
    assertEquals("udp", sharedB.elsewhere("bob").get(0).getString("transport"),
        "a UDP phone takes requests from any node: kept until it lapses");
    assertTrue(sharedB.otherSipUris().isEmpty(), "the node's SIP address is no longer trusted");
  }

  private ClusterNode join(String name, int port, List<String> members) throws Exception {
    ClusterConfig config = new ClusterConfig(true, name, "127.0.0.1", port, members, "127.0.0.1", 0,
        Duration.ofSeconds(1), Duration.ofSeconds(3));
    ClusterNode node = ClusterNode.join(config).await(60, TimeUnit.SECONDS);
    nodes.add(node);
    return node;
  }

  @AfterEach
  void stop() {
    for (ClusterNode node : nodes) {
      node.leave().otherwiseEmpty().await();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
