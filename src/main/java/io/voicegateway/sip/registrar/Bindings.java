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

  public Bindings(Clock clock) {
    this.clock = clock;
  }

  public long nowMs() {
    return clock.millis();
  }

  /** Adds or refreshes a contact for {@code expiresSeconds} from now. */
  public Binding put(String deviceId, String contact, long expiresSeconds, String callId, long cseq, Source source) {
    Binding b = new Binding(deviceId, contact, clock.millis() + expiresSeconds * 1000, callId, cseq, source);
    byDevice.computeIfAbsent(deviceId, k -> new LinkedHashMap<>()).put(contact, b);
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
      contacts.remove(contact);
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
    byDevice.remove(deviceId);
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
