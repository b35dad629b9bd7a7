package io.voicegateway.sip;

import io.vertx.core.Vertx;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.MediaConfig;
import io.voicegateway.config.ProviderConfig;
import io.voicegateway.sip.trunk.ProviderRegistrations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import javax.sip.message.Request;

/**
 * Pings every configured peer (the registrar of each trunk registration, and every trunk that does not
 * register, at its host) with OPTIONS each
 * {@code media.keepalive_interval}. Any response means the peer is up; {@value #DOWN_AFTER} timeouts in
 * a row mark it down (logged once per change).
 */
final class OptionsKeepalive {
  private static final Logger LOG = Logger.getLogger(OptionsKeepalive.class.getName());
  static final int DOWN_AFTER = 3;

  private final Vertx vertx;
  private final GatewayConfig config;
  private final RequestFactory requests;
  private final ClientRequests client;
  private final Map<String, Integer> failures = new LinkedHashMap<>();
  private long timerId = -1;

  OptionsKeepalive(Vertx vertx, GatewayConfig config, ProviderRegistrations registrations, RequestFactory requests,
      ClientRequests client) {
    this.vertx = vertx;
    this.config = config;
    this.requests = requests;
    this.client = client;
    for (ProviderRegistrations.Entry e : registrations.entries()) {
      MediaConfig.Registration r = e.registration();
      if (r.registrar() != null && !r.registrar().isBlank()) {
        failures.putIfAbsent(peerUri(r.registrar()), 0);
      }
    }
    for (ProviderConfig p : config.providers()) {
      if (!p.register()) { // a registering trunk is pinged at its registrar above
        failures.putIfAbsent(TargetResolver.uri(p, null), 0);
      }
    }
  }

  void start() {
    long intervalMs = config.media().keepaliveInterval() == null ? 0 : config.media().keepaliveInterval().toMillis();
    if (intervalMs > 0 && !failures.isEmpty()) {
      timerId = vertx.setPeriodic(intervalMs, id -> pingAll());
    }
  }

  void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  /** Peer URI → true when up (fewer than {@value #DOWN_AFTER} failures in a row). */
  Map<String, Boolean> peers() {
    Map<String, Boolean> out = new LinkedHashMap<>();
    failures.forEach((peer, n) -> out.put(peer, n < DOWN_AFTER));
    return out;
  }

  private void pingAll() {
    for (String peer : failures.keySet()) {
      try {
        Request options = requests.create(Request.OPTIONS, peer, "gateway", requests.newCallId(),
            SipMessages.newTag(), Map.of());
        client.send(options, null, null).onComplete(ar -> record(peer, ar.succeeded()));
      } catch (Exception e) {
        record(peer, false);
      }
    }
  }

  private void record(String peer, boolean answered) {
    int before = failures.getOrDefault(peer, 0);
    int after = answered ? 0 : before + 1;
    failures.put(peer, after);
    if (before < DOWN_AFTER && after >= DOWN_AFTER) {
      LOG.warning("SIP peer " + peer + " is down: no answer to " + after + " OPTIONS");
    } else if (before >= DOWN_AFTER && after == 0) {
      LOG.info("SIP peer " + peer + " is up again");
    }
  }

  private static String peerUri(String registrar) {
    return registrar.startsWith("sip:") || registrar.startsWith("sips:") ? registrar : "sip:" + registrar;
  }
}
