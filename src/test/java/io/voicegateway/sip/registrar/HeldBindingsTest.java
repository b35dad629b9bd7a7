package io.voicegateway.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.voicegateway.testing.FakeClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' registrars over one fake of the cluster's shared map: node A holds a device's TCP connection, node B
 * must ring it. B's lookup yields A's stream binding as one to ring through A (its Request-URI at A's address with a
 * pass), A admits that pass once and finds the binding it names; a stranger's pass, another cluster's pass, a replay,
 * a stale pass and a pass for another device are refused. UDP bindings stay rung straight, and a node that
 * publishes no SIP address (an older node) has its stream bindings left out as before.
 */
class HeldBindingsTest {
  private static final Source TCP = new Source("127.0.0.1", 40313, "tcp");
  private static final Source UDP = new Source("127.0.0.1", 40312, "udp");
  private static final String CONTACT = "sip:alice@10.0.0.8:5060;transport=tcp";
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();

  private final FakeClock clock = new FakeClock();
  /** node → key → the entry as ClusterBindings keeps it (the binding's JSON plus node and device). */
  private final Map<String, Map<String, JsonObject>> map = new LinkedHashMap<>();

  private Bindings node(String id, String via, byte[] secret) {
    Map<String, JsonObject> mine = map.computeIfAbsent(id, k -> new LinkedHashMap<>());
    PublishedBindings shared = new PublishedBindings(
        (device, contact, json, ttl) -> mine.put(device + "\n" + contact, json.copy().put("node", id)),
        (device, contact) -> mine.remove(device + "\n" + contact),
        device -> {
          List<JsonObject> out = new ArrayList<>();
          map.forEach((n, entries) -> entries.forEach((k, json) -> {
            if (!n.equals(id) && k.startsWith(device + "\n")) {
              out.add(json);
            }
          }));
          return out;
        }, clock::millis, via, new NodeHops(secret, id, clock::millis, new SecureRandom()), List::of);
    return new Bindings(clock, shared);
  }

  private final Bindings a = node("node-a", "sip:127.0.0.1:5070", SECRET);
  private final Bindings b = node("node-b", "sip:127.0.0.1:5080", SECRET);

  private static String pass(String requestUri) {
    int at = requestUri.indexOf(NodeHops.PARAM + "=");
    return requestUri.substring(at + NodeHops.PARAM.length() + 1);
  }

  @Test
  void nodeBRingsAStreamBindingThroughNodeAWhichAdmitsThePassOnce() {
    a.put("alice", CONTACT, 60, "c1", 1, TCP);

    List<Binding> seen = b.ofAnyNode("alice");
    assertEquals(1, seen.size(), "node A's TCP binding is among alice's contacts at node B");
    Binding held = seen.get(0);
    assertTrue(held.heldElsewhere());
    assertEquals("sip:alice@127.0.0.1:5070", held.reachUri(), "addressed to node A, not to the phone's TCP port");
    String uri = b.requestUri(held);
    assertTrue(uri.startsWith("sip:alice@127.0.0.1:5070;" + NodeHops.PARAM + "=node-b."), uri);

    Bindings.HeldBinding found = a.held("alice", pass(uri));
    assertNull(found.refusal());
    assertEquals(CONTACT, found.binding().contact(), "the binding the pass names");
    assertEquals(TCP, found.binding().source(), "rung over the connection it registered on");
    assertEquals("node-b", found.fromNode());

    assertEquals("pass already used", a.held("alice", pass(uri)).refusal(), "a replay is refused");
    assertNotNull(a.held("alice", pass(b.requestUri(held))).binding(), "a fresh pass for the next call is good");
  }

  @Test
  void strangersAndOtherClustersAreRefused() {
    a.put("alice", CONTACT, 60, "c1", 1, TCP);
    String good = pass(b.requestUri(b.ofAnyNode("alice").get(0)));

    assertEquals("malformed pass", a.held("alice", "whatever").refusal());
    assertEquals("bad pass", a.held("alice", good.substring(0, good.length() - 2) + "AA").refusal(), "forged MAC");
    assertEquals("bad pass", a.held("bob", good).refusal(), "a pass for alice does not ring bob");

    Bindings elsewhere = node("node-x", "sip:127.0.0.1:5090", "another cluster's secret, 32 byte".getBytes());
    map.remove("node-x");
    String foreign = pass(elsewhere.requestUri(b.ofAnyNode("alice").get(0)));
    assertEquals("bad pass", a.held("alice", foreign).refusal(), "minted under another secret");

    Bindings single = new Bindings(clock); // a node outside any cluster admits no pass at all
    assertEquals("not in a cluster", single.held("alice", good).refusal());
    assertNull(a.held("alice", good).refusal(), "the good pass was not spent by the refusals");
  }

  @Test
  void theOtherNodesHostsAreReadFromTheirSipUris() {
    assertEquals("10.0.0.11", PublishedBindings.host("sip:10.0.0.11:5060"));
    assertEquals("10.0.0.12", PublishedBindings.host("sip:10.0.0.12:5060;transport=tcp"));
    assertEquals("fd00::1", PublishedBindings.host("sip:[fd00::1]:5060"));
    PublishedBindings shared = new PublishedBindings((d, c, j, t) -> {}, (d, c) -> {}, d -> List.of(), clock::millis,
        "sip:10.0.0.10:5060", NodeHops.NONE, () -> List.of("sip:10.0.0.11:5060", "sip:10.0.0.12:5062;transport=tcp"));
    assertEquals(java.util.Set.of("10.0.0.11", "10.0.0.12"), new Bindings(clock, shared).nodeHosts());
    assertTrue(new Bindings(clock).nodeHosts().isEmpty(), "a single node trusts no other node");
  }

  @Test
  void aStalePassIsRefused() {
    a.put("alice", CONTACT, 600, "c1", 1, TCP);
    String uri = b.requestUri(b.ofAnyNode("alice").get(0));
    clock.advance(Duration.ofSeconds(NodeHops.LIFETIME_S + 1));
    assertEquals("pass out of date", a.held("alice", pass(uri)).refusal());
  }

  @Test
  void aPassForABindingGoneMeanwhileFindsNothing() {
    a.put("alice", CONTACT, 60, "c1", 1, TCP);
    String uri = b.requestUri(b.ofAnyNode("alice").get(0));
    a.removeAtSource(TCP); // its connection closed
    Bindings.HeldBinding found = a.held("alice", pass(uri));
    assertNull(found.refusal());
    assertNull(found.binding(), "480 at node A: nothing to ring");
  }

  @Test
  void udpBindingsStayRungStraightWithoutAPass() {
    a.put("alice", "sip:alice@10.0.0.7:5060", 60, "c1", 1, UDP);
    Binding udp = b.ofAnyNode("alice").get(0);
    assertFalse(udp.heldElsewhere());
    assertEquals("sip:alice@127.0.0.1:40312", b.requestUri(udp), "straight to the phone's NAT address");
  }

  @Test
  void aUdpBindingHeldHereIsNotRungForAnotherNode() {
    a.put("alice", "sip:alice@10.0.0.7:5060", 60, "c1", 1, UDP);
    Binding udp = b.ofAnyNode("alice").get(0);
    // even with a good pass naming it, node A rings only stream bindings for another node (UDP ones it rings straight)
    NodeHops minter = new NodeHops(SECRET, "node-b", clock::millis, new SecureRandom());
    String uri = minter.requestUri(new Binding("alice", udp.contact(), udp.expiresAtMs(), "c1", 1,
        new Source("127.0.0.1", 1, "tcp"), "sip:127.0.0.1:5070"));
    Bindings.HeldBinding found = a.held("alice", pass(uri));
    assertNull(found.refusal());
    assertNull(found.binding());
  }

  @Test
  void aNodeThatPublishesNoSipAddressHasItsStreamBindingsLeftOut() {
    Bindings old = node("node-old", null, SECRET);
    old.put("alice", CONTACT, 60, "c1", 1, TCP);
    assertTrue(b.ofAnyNode("alice").isEmpty());
  }

  @Test
  void aContactBoundHereAsWellIsRungFromHereOnly() {
    a.put("alice", CONTACT, 60, "c1", 1, TCP);
    b.put("alice", CONTACT, 60, "c2", 1, new Source("127.0.0.1", 40400, "tcp"));
    List<Binding> seen = b.ofAnyNode("alice");
    assertEquals(1, seen.size());
    assertFalse(seen.get(0).heldElsewhere());
  }
}
