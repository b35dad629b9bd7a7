package io.voicegateway.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.voicegateway.sip.registrar.Binding;
import io.voicegateway.sip.registrar.SharedBindings;
import io.voicegateway.sip.registrar.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The registrations of every node (issue 15): a Hazelcast map {@value #MAP}, one entry per node, device and contact,
 * holding the binding as JSON (contact, expiry, REGISTER Call-ID/CSeq, source host/port/transport) and the node that
 * took the REGISTER. An entry lives exactly as long as its binding (Hazelcast's per-entry TTL), so expiry needs no
 * sweep on any node. Each node keeps a replica of the other nodes' entries, fed by an entry listener, so a lookup on
 * the SIP context is a local read that never waits on the network.
 *
 * <p>A dead node's entries are kept until they lapse: its UDP devices can still be rung from the other nodes (a UDP
 * contact takes requests from any address), and its TCP/TLS/WebSocket ones are never rung from another node anyway.
 */
public final class ClusterBindings implements SharedBindings {
  static final String MAP = "vg.cluster.bindings";
  private static final Logger LOG = Logger.getLogger(ClusterBindings.class.getName());

  private final IMap<String, String> map;
  private final String self;
  /** device id → map key → binding, other nodes' only. */
  private final Map<String, Map<String, Binding>> replica = new ConcurrentHashMap<>();

  private ClusterBindings(IMap<String, String> map, String self) {
    this.map = map;
    this.self = self;
  }

  /** Opens the shared map and loads what other nodes already published; runs the blocking load off the event loop. */
  public static Future<ClusterBindings> open(ClusterNode node) {
    return node.vertx().executeBlocking(() -> {
      IMap<String, String> map = node.hazelcast().getMap(MAP);
      ClusterBindings shared = new ClusterBindings(map, node.nodeId());
      map.addEntryListener(shared.new Listener(), true);
      map.forEach(shared::seen); // after the listener: an entry put meanwhile is seen twice, never missed
      return shared;
    });
  }

  @Override
  public void publish(Binding binding) {
    long ttl = binding.expiresAtMs() - System.currentTimeMillis();
    if (ttl <= 0) {
      return;
    }
    map.setAsync(key(self, binding), encode(binding, self), ttl, TimeUnit.MILLISECONDS).whenComplete((v, err) -> {
      if (err != null) {
        LOG.log(Level.WARNING, "cluster: cannot publish the binding of " + binding.deviceId(), err);
      }
    });
  }

  @Override
  public void withdraw(Binding binding) {
    map.removeAsync(key(self, binding)).whenComplete((v, err) -> {
      if (err != null) {
        LOG.log(Level.WARNING, "cluster: cannot withdraw the binding of " + binding.deviceId(), err);
      }
    });
  }

  @Override
  public List<Binding> elsewhere(String deviceId, long nowMs) {
    Map<String, Binding> some = replica.get(deviceId);
    if (some == null) {
      return List.of();
    }
    List<Binding> out = new ArrayList<>();
    for (Binding b : some.values()) {
      if (b.expiresAtMs() > nowMs) {
        out.add(b);
      }
    }
    return out;
  }

  private void seen(String key, String value) {
    JsonObject json = new JsonObject(value);
    if (self.equals(json.getString("node"))) {
      return;
    }
    Binding b = decode(json);
    replica.compute(b.deviceId(), (k, some) -> {
      Map<String, Binding> m = some == null ? new ConcurrentHashMap<>() : some;
      m.put(key, b);
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
  static String key(String node, Binding b) {
    return node + '\n' + b.deviceId() + '\n' + b.contact();
  }

  private static String deviceOf(String key) {
    int first = key.indexOf('\n');
    return key.substring(first + 1, key.indexOf('\n', first + 1));
  }

  static String encode(Binding b, String node) {
    return new JsonObject().put("node", node).put("device", b.deviceId()).put("contact", b.contact())
        .put("expiresAtMs", b.expiresAtMs()).put("callId", b.callId()).put("cseq", b.cseq())
        .put("host", b.source().host()).put("port", b.source().port()).put("transport", b.source().transport())
        .encode();
  }

  static Binding decode(JsonObject json) {
    return new Binding(json.getString("device"), json.getString("contact"), json.getLong("expiresAtMs"),
        json.getString("callId"), json.getLong("cseq"),
        new Source(json.getString("host"), json.getInteger("port"), json.getString("transport")));
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
