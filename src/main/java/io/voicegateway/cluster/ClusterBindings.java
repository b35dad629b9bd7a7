package io.voicegateway.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.replicatedmap.ReplicatedMap;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The registrations of every node (issue 15): a Hazelcast map {@value #MAP}, one entry per node, device and contact,
 * holding the binding as the registrar encodes it (JSON: contact, expiry, REGISTER Call-ID/CSeq, source
 * host/port/transport; opaque here, the cluster knows no SIP) and the node that took the REGISTER; the composition
 * root hands these methods to the registrar as its {@code SharedBindings}. An entry lives exactly as long as its binding (Hazelcast's per-entry TTL), so expiry needs no
 * sweep on any node. Each node keeps a replica of the other nodes' entries, fed by an entry listener, so a lookup on
 * the SIP context is a local read that never waits on the network.
 *
 * <p>Another node's TCP/TLS/WebSocket binding is rung through that node, with a pass under the cluster's
 * {@link #secret()} (see {@code sip.registrar.NodeHops}). When a node dies its stream bindings go at once on every
 * survivor (their connections died with it: an INVITE through it could only time out); its UDP bindings are kept
 * until they lapse, since a UDP contact takes requests from any address and the device may still be rung.
 */
public final class ClusterBindings implements MembershipListener {
  static final String MAP = "vg.cluster.bindings";
  /** The cluster's secrets: one random value, put by the first node that needs it, read by every other. */
  static final String SECRETS = "vg.cluster.secrets";
  private static final String HOP_SECRET = "hop";
  /** Each node's SIP URI, replicated to every member (reads are local): the other nodes' hosts are trusted. */
  static final String SIP_URIS = "vg.cluster.sip";
  /** Where vertx-hazelcast keeps a member's Vert.x node id (HazelcastClusterManager.NODE_ID_ATTRIBUTE). */
  private static final String VERTX_NODE_ID = "__vertx.nodeId";
  /** Fields this class adds to a published binding. */
  private static final String NODE = "node";
  private static final String DEVICE = "device";
  /** The one field of a binding read here: a stream binding dies with its node's connection, a UDP one does not. */
  private static final String TRANSPORT = "transport";
  private static final Logger LOG = Logger.getLogger(ClusterBindings.class.getName());

  private final IMap<String, String> map;
  private final String self;
  /** device id → map key → binding, other nodes' only. */
  private final Map<String, Map<String, JsonObject>> replica = new ConcurrentHashMap<>();
  private final byte[] secret;
  private final ReplicatedMap<String, String> sipUris;

  private ClusterBindings(IMap<String, String> map, String self, byte[] secret,
      ReplicatedMap<String, String> sipUris) {
    this.map = map;
    this.self = self;
    this.secret = secret;
    this.sipUris = sipUris;
  }

  /** Like {@link #open(ClusterNode, String)} for a node that announces no SIP address. */
  public static Future<ClusterBindings> open(ClusterNode node) {
    return open(node, null);
  }

  /**
   * Opens the shared map and loads what other nodes already published, and announces this node's SIP URI
   * ({@code sipUri}, may be null); runs the blocking load off the event loop.
   */
  public static Future<ClusterBindings> open(ClusterNode node, String sipUri) {
    return node.vertx().executeBlocking(() -> {
      IMap<String, String> map = node.hazelcast().getMap(MAP);
      ReplicatedMap<String, String> uris = node.hazelcast().getReplicatedMap(SIP_URIS);
      if (sipUri != null) {
        uris.put(node.nodeId(), sipUri);
      }
      ClusterBindings shared = new ClusterBindings(map, node.nodeId(), secret(node.hazelcast()), uris);
      node.hazelcast().getCluster().addMembershipListener(shared);
      map.addEntryListener(shared.new Listener(), true);
      map.forEach(shared::seen); // after the listener: an entry put meanwhile is seen twice, never missed
      return shared;
    });
  }

  /**
   * The cluster's secret for the passes of INVITEs sent through a holding node: 32 random bytes, made by the first
   * node (put-if-absent, so two nodes starting together agree), kept in the cluster's memory with its backups, known
   * to members only. If every node dies a new one is made: no pass outlives the cluster anyway.
   */
  public byte[] secret() {
    return secret.clone();
  }

  private static byte[] secret(com.hazelcast.core.HazelcastInstance hazelcast) {
    IMap<String, String> secrets = hazelcast.getMap(SECRETS);
    byte[] mine = new byte[32];
    new SecureRandom().nextBytes(mine);
    String put = secrets.putIfAbsent(HOP_SECRET, Base64.getEncoder().encodeToString(mine));
    return put == null ? mine : Base64.getDecoder().decode(put);
  }

  @Override
  public void memberAdded(MembershipEvent event) {}

  /** A dead node's stream bindings go from the replica at once, and from the map (every survivor: idempotent). */
  @Override
  public void memberRemoved(MembershipEvent event) {
    String dead = event.getMember().getAttribute(VERTX_NODE_ID);
    if (dead == null) {
      return;
    }
    sipUris.remove(dead);
    int dropped = 0;
    for (Map<String, JsonObject> some : replica.values()) {
      for (Map.Entry<String, JsonObject> e : List.copyOf(some.entrySet())) {
        if (dead.equals(e.getValue().getString(NODE)) && !"udp".equals(e.getValue().getString(TRANSPORT))) {
          gone(e.getKey());
          map.removeAsync(e.getKey());
          dropped++;
        }
      }
    }
    LOG.info("cluster: node " + dead + " left: " + dropped + " binding(s) held over its connections dropped");
  }

  /** The other nodes' SIP URIs as they announced them (a local read). */
  public Collection<String> otherSipUris() {
    List<String> out = new ArrayList<>();
    sipUris.forEach((node, uri) -> {
      if (!self.equals(node)) {
        out.add(uri);
      }
    });
    return out;
  }

  /** Publishes this node's binding of {@code contact} for {@code ttlMs}; does not block. */
  public void put(String device, String contact, JsonObject binding, long ttlMs) {
    if (ttlMs <= 0) {
      return;
    }
    String value = binding.copy().put(NODE, self).put(DEVICE, device).encode();
    map.setAsync(key(self, device, contact), value, ttlMs, TimeUnit.MILLISECONDS).whenComplete((v, err) -> {
      if (err != null) {
        LOG.log(Level.WARNING, "cluster: cannot publish a binding of " + device, err);
      }
    });
  }

  /** Withdraws this node's binding of {@code contact}; does not block. */
  public void remove(String device, String contact) {
    map.removeAsync(key(self, device, contact)).whenComplete((v, err) -> {
      if (err != null) {
        LOG.log(Level.WARNING, "cluster: cannot withdraw a binding of " + device, err);
      }
    });
  }

  /** The other nodes' bindings of {@code device} as they published them (lapsed ones may still be among them). */
  public List<JsonObject> elsewhere(String device) {
    Map<String, JsonObject> some = replica.get(device);
    return some == null ? List.of() : new ArrayList<>(some.values());
  }

  private void seen(String key, String value) {
    JsonObject json = new JsonObject(value);
    if (self.equals(json.getString(NODE))) {
      return;
    }
    replica.compute(json.getString(DEVICE), (k, some) -> {
      Map<String, JsonObject> m = some == null ? new ConcurrentHashMap<>() : some;
      m.put(key, json);
      return m;
    });
  }

  private void gone(String key) {
    // atomic per device with seen(): listener events of one device's keys may come on different threads
    replica.computeIfPresent(deviceOf(key), (k, some) -> {
      some.remove(key);
      return some.isEmpty() ? null : some;
    });
  }

  /** node, device and contact: one node's binding of one contact (two nodes' bindings of it are two entries). */
  static String key(String node, String device, String contact) {
    return node + '\n' + device + '\n' + contact;
  }

  private static String deviceOf(String key) {
    int first = key.indexOf('\n');
    return key.substring(first + 1, key.indexOf('\n', first + 1));
  }

  /** Keeps the replica in step; Hazelcast calls it on its event threads. */
  private final class Listener implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String>,
      EntryRemovedListener<String, String>, EntryExpiredListener<String, String>,
      EntryEvictedListener<String, String> {
    @Override
    public void entryAdded(EntryEvent<String, String> e) {
      seen(e.getKey(), e.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> e) {
      seen(e.getKey(), e.getValue());
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> e) {
      gone(e.getKey());
    }

    @Override
    public void entryExpired(EntryEvent<String, String> e) {
      gone(e.getKey());
    }

    @Override
    public void entryEvicted(EntryEvent<String, String> e) {
      gone(e.getKey());
    }
  }
}
