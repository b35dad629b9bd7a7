package io.voicegateway;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import io.voicegateway.config.LimitsConfig;
import io.voicegateway.sip.guard.SipGuards;
import io.voicegateway.sip.guard.SourceCallCap;
import io.voicegateway.sip.guard.SourceGuard;
import io.voicegateway.sip.guard.Verdict;
import io.voicegateway.sip.stack.SipResponseCounts;

/**
 * The SIP guards' counts as Prometheus meters (read at scrape time: nothing is added to the receive path) and as
 * the {@code limits} object of {@code /health}.
 */
final class GuardMeters {
  private GuardMeters() {}

  static void register(MeterRegistry registry, SipGuards guards) {
    SourceGuard sources = guards.sources();
    for (Verdict v : Verdict.values()) {
      if (v != Verdict.ADMIT) {
        FunctionCounter.builder("vg_sip_limited", sources, s -> s.limited(v))
            .description("SIP messages dropped before parsing, by reason").tag("reason", v.reason())
            .register(registry);
      }
    }
    FunctionCounter.builder("vg_sip_bans", sources, SourceGuard::bansTotal)
        .description("Addresses banned (flood, garbage, failed authentication)").register(registry);
    Gauge.builder("vg_sip_banned_sources", sources, SourceGuard::activeBans)
        .description("Addresses banned now").register(registry);
    FunctionCounter.builder("vg_sip_overload_rejected", guards.overload(), o -> o.refused())
        .description("New INVITEs answered 503 under overload").register(registry);
    FunctionCounter.builder("vg_sip_invites_refused", guards.overload(), o -> o.strangersRefused())
        .description("New INVITEs answered 503 before anything was allocated, by reason")
        .tag("reason", "strangers_ports").register(registry);
    Gauge.builder("vg_sip_receive_queue", guards.overload(), o -> o.queueDepth())
        .description("SIP datagrams waiting for the stack").register(registry);
    FunctionCounter.builder("vg_sip_invites_refused", guards.calls(), SourceCallCap::refused)
        .description("New INVITEs answered 503 before anything was allocated, by reason")
        .tag("reason", "source_calls").register(registry);
    Gauge.builder("vg_sip_unknown_source_calls", guards.calls(), SourceCallCap::active)
        .description("Calls held by untrusted addresses now (capped per address)").register(registry);
    registerResponses(registry, guards.responses());
  }

  /** vg_sip_responses_total{direction, method, class}: a fixed table, read at scrape time. */
  private static void registerResponses(MeterRegistry registry, SipResponseCounts counts) {
    for (boolean sent : new boolean[] {true, false}) {
      for (String method : SipResponseCounts.METHODS) {
        for (String cls : SipResponseCounts.CLASSES) {
          FunctionCounter.builder("vg_sip_responses", counts, c -> c.count(sent, method, cls))
              .description("SIP responses sent and received (retransmissions included), by status class and method")
              .tags("direction", sent ? "sent" : "received", "method", method, "class", cls)
              .register(registry);
        }
      }
    }
  }

  /** The {@code limits} object of {@code /health}. */
  static JsonObject health(SipGuards guards) {
    SourceGuard sources = guards.sources();
    LimitsConfig limits = sources.limits();
    JsonObject limited = new JsonObject();
    for (Verdict v : Verdict.values()) {
      if (v != Verdict.ADMIT) {
        limited.put(v.reason(), sources.limited(v));
      }
    }
    return new JsonObject()
        .put("enabled", limits.enabled())
        .put("requestsPerSecond", limits.requestsPerSecond())
        .put("invitesPerSecond", limits.invitesPerSecond())
        .put("limited", limited)
        .put("bannedNow", sources.activeBans())
        .put("bansTotal", sources.bansTotal())
        .put("trackedSources", sources.trackedSources())
        .put("overloadRejected", guards.overload().refused())
        .put("overloadRejectedStrangers", guards.overload().strangersRefused())
        .put("receiveQueue", guards.overload().queueDepth())
        .put("unknownSourceMaxCalls", limits.unknownSourceMaxCalls())
        .put("unknownSourceCalls", guards.calls().active())
        .put("sourceCallsRefused", guards.calls().refused())
        .put("maxConnectionsPerSource", limits.maxConnectionsPerSource())
        .put("sourceConnections", guards.connections().open());
  }
}
