package io.voicegateway.sip.registrar;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * {@link SharedBindings} over a store of JSON entries that lapse by themselves (the cluster's shared map, handed in
 * by the composition root as three functions: {@code sip} does not see the cluster). Here a binding becomes JSON and
 * back (with this node's SIP URI, {@code via}, where the other nodes send requests for its stream bindings), lapsed
 * entries are left out of a lookup, and the passes of requests sent through a holding node are minted and checked
 * ({@link NodeHops}).
 */
public final class PublishedBindings implements SharedBindings {
  /** Puts this node's binding of one contact, to lapse after {@code ttlMs}. */
  @FunctionalInterface
  public interface Put {
    void put(String deviceId, String contact, JsonObject binding, long ttlMs);
  }

  private final Put put;
  private final BiConsumer<String, String> remove;
  private final Function<String, List<JsonObject>> elsewhere;
  private final LongSupplier clock;
  private final String via;
  private final NodeHops hops;
  private final Supplier<Collection<String>> nodeUris;

  /**
   * @param remove    withdraws this node's binding of (device id, contact)
   * @param elsewhere the entries other nodes published for a device id
   * @param clock     the epoch milliseconds the bindings' expiries are on
   * @param via       this node's SIP URI ({@code sip:host:port}, {@code ;transport=tcp} when it has no UDP), where
   *                  the other nodes send their INVITEs for its TCP/TLS/WebSocket bindings
   * @param hops      the passes of those INVITEs, under the cluster's secret
   * @param nodeUris  the other nodes' SIP URIs (their {@code via}), read locally
   */
  public PublishedBindings(Put put, BiConsumer<String, String> remove, Function<String, List<JsonObject>> elsewhere,
      LongSupplier clock, String via, NodeHops hops, Supplier<Collection<String>> nodeUris) {
    this.nodeUris = nodeUris;
    this.put = put;
    this.remove = remove;
    this.elsewhere = elsewhere;
    this.clock = clock;
    this.via = via;
    this.hops = hops;
  }

  @Override
  public void publish(Binding b) {
    put.put(b.deviceId(), b.contact(), encode(b).put("via", via), b.expiresAtMs() - clock.getAsLong());
  }

  @Override
  public void withdraw(Binding b) {
    remove.accept(b.deviceId(), b.contact());
  }

  @Override
  public List<Binding> elsewhere(String deviceId, long nowMs) {
    List<Binding> out = new ArrayList<>();
    for (JsonObject json : elsewhere.apply(deviceId)) {
      Binding b = decode(deviceId, json);
      if (b.expiresAtMs() > nowMs) {
        out.add(b);
      }
    }
    return out;
  }

  @Override
  public String throughHolder(Binding held) {
    return hops.requestUri(held);
  }

  @Override
  public NodeHops.Verdict admit(String deviceId, String pass) {
    return hops.check(deviceId, pass);
  }

  @Override
  public Set<String> nodeHosts() {
    Set<String> hosts = new HashSet<>();
    for (String uri : nodeUris.get()) {
      hosts.add(host(uri));
    }
    return hosts;
  }

  /** The host of {@code sip:host:port;params} (an IPv6 literal without its brackets). */
  static String host(String uri) {
    String rest = uri.substring(uri.indexOf(':') + 1);
    if (rest.startsWith("[")) {
      return rest.substring(1, rest.indexOf(']'));
    }
    int end = rest.length();
    for (char c : new char[] {':', ';'}) {
      int at = rest.indexOf(c);
      end = at >= 0 ? Math.min(end, at) : end;
    }
    return rest.substring(0, end);
  }

  static JsonObject encode(Binding b) {
    return new JsonObject().put("contact", b.contact()).put("expiresAtMs", b.expiresAtMs()).put("callId", b.callId())
        .put("cseq", b.cseq()).put("host", b.source().host()).put("port", b.source().port())
        .put("transport", b.source().transport());
  }

  static Binding decode(String deviceId, JsonObject json) {
    return new Binding(deviceId, json.getString("contact"), json.getLong("expiresAtMs"), json.getString("callId"),
        json.getLong("cseq"), new Source(json.getString("host"), json.getInteger("port"), json.getString("transport")),
        json.getString("via"));
  }
}
