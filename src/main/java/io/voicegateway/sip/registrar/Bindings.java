package io.voicegateway.sip.registrar;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The location service: contacts per device, each with its own expiry. Expired bindings are dropped
 * whenever the device is looked at, so no timer is needed. Not thread-safe: used on the SIP context only.
 */
public final class Bindings {
  private final Clock clock;
  /** device id → contact URI → binding, in registration order. */
  private final Map<String, Map<String, Binding>> byDevice = new HashMap<>();
  /** The other nodes' bindings, and where this node's are published (cluster mode). */
  private final SharedBindings shared;

  public Bindings(Clock clock) {
    this(clock, SharedBindings.NONE);
  }

  /** @param shared the cluster's bindings ({@link SharedBindings#NONE} on a single node) */
  public Bindings(Clock clock, SharedBindings shared) {
    this.clock = clock;
    this.shared = shared;
  }

  public long nowMs() {
    return clock.millis();
  }

  /** Adds or refreshes a contact for {@code expiresSeconds} from now. */
  public Binding put(String deviceId, String contact, long expiresSeconds, String callId, long cseq, Source source) {
    Binding b = new Binding(deviceId, contact, clock.millis() + expiresSeconds * 1000, callId, cseq, source);
    byDevice.computeIfAbsent(deviceId, k -> new LinkedHashMap<>()).put(contact, b);
    shared.publish(b);
    return b;
  }

  /** The live binding of that contact, if any. */
  public Optional<Binding> get(String deviceId, String contact) {
    return of(deviceId).stream().filter(b -> b.contact().equals(contact)).findFirst();
  }

  /** Removes one contact ({@code Expires: 0}). */
  public void remove(String deviceId, String contact) {
    Map<String, Binding> contacts = byDevice.get(deviceId);
    if (contacts != null) {
      Binding gone = contacts.remove(contact);
      if (gone != null) {
        shared.withdraw(gone);
      }
      if (contacts.isEmpty()) {
        byDevice.remove(deviceId);
      }
    }
  }

  /** Removes every binding registered from exactly this source; returns them. */
  public List<Binding> removeAtSource(Source source) {
    List<Binding> gone = all().stream().filter(b -> b.source().equals(source)).toList();
    gone.forEach(b -> remove(b.deviceId(), b.contact()));
    return gone;
  }

  /** Removes every contact of the device ({@code Contact: *}). */
  public void removeAll(String deviceId) {
    Map<String, Binding> gone = byDevice.remove(deviceId);
    if (gone != null) {
      gone.values().forEach(shared::withdraw);
    }
  }

  /** The device's live bindings in registration order; expired ones are forgotten here. */
  public List<Binding> of(String deviceId) {
    Map<String, Binding> contacts = byDevice.get(deviceId);
    if (contacts == null) {
      return List.of();
    }
    long now = clock.millis();
    contacts.values().removeIf(b -> b.expiresAtMs() <= now);
    if (contacts.isEmpty()) {
      byDevice.remove(deviceId);
      return List.of();
    }
    return new ArrayList<>(contacts.values());
  }

  /**
   * What a request to the device may go to: its live bindings here, then those other nodes of the cluster took. A UDP
   * contact takes a request from any address, so the INVITE goes straight to it; a TCP, TLS or WebSocket binding lives
   * on the connection its node holds, so the INVITE goes through that node ({@link Binding#heldElsewhere()},
   * {@link #requestUri}). A contact bound here as well is taken from here only.
   */
  public List<Binding> ofAnyNode(String deviceId) {
    List<Binding> out = new ArrayList<>(of(deviceId));
    for (Binding b : shared.elsewhere(deviceId, clock.millis())) {
      boolean reachable = "udp".equals(b.source().transport()) || b.heldElsewhere();
      if (reachable && out.stream().noneMatch(o -> o.contact().equals(b.contact()))) {
        out.add(b);
      }
    }
    return out;
  }

  /**
   * The Request-URI of an INVITE to {@code binding}: its {@link Binding#reachUri()}, or for another node's stream
   * binding that node's address with a fresh single-use pass (mint it only to send it).
   */
  public String requestUri(Binding binding) {
    return binding.heldElsewhere() ? shared.throughHolder(binding) : binding.reachUri();
  }

  /**
   * Another node asks this one to ring a binding of {@code deviceId} (an INVITE with a {@link NodeHops#PARAM} pass):
   * the live TCP, TLS or WebSocket binding the pass names, held here, if the pass is good; else why not.
   */
  public HeldBinding held(String deviceId, String pass) {
    NodeHops.Verdict verdict = shared.admit(deviceId, pass);
    if (!verdict.accepted()) {
      return new HeldBinding(null, null, verdict.refusal());
    }
    for (Binding b : of(deviceId)) {
      if (!"udp".equals(b.source().transport()) && NodeHops.contactKey(b.contact()).equals(verdict.contactKey())) {
        return new HeldBinding(b, verdict.fromNode(), null);
      }
    }
    return new HeldBinding(null, verdict.fromNode(), null);
  }

  /**
   * What {@link #held} found: the binding to ring for node {@code fromNode}, or none (its connection closed
   * meanwhile, it lapsed), or the pass was refused ({@code refusal} says why).
   */
  public record HeldBinding(Binding binding, String fromNode, String refusal) {}

  /** The hosts of the other nodes of the cluster (none on a single node): see {@link SharedBindings#nodeHosts}. */
  public java.util.Set<String> nodeHosts() {
    return shared.nodeHosts();
  }

  /** Every live binding of every device; expired ones are forgotten here. */
  public List<Binding> all() {
    List<Binding> out = new ArrayList<>();
    for (String deviceId : List.copyOf(byDevice.keySet())) {
      out.addAll(of(deviceId));
    }
    return out;
  }

  /**
   * The live binding registered from exactly this source (host, port and transport), if any: a request
   * from there most likely comes from that device, though only digest authentication proves it.
   */
  public Optional<Binding> atSource(Source source) {
    return all().stream().filter(b -> b.source().equals(source)).findFirst();
  }
}
