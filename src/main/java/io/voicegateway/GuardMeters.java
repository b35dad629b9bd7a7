package io.voicegateway;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import io.voicegateway.config.LimitsConfig;
import io.voicegateway.sip.guard.SipGuards;
import io.voicegateway.sip.guard.SourceGuard;
import io.voicegateway.sip.guard.Verdict;

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
    Gauge.builder("vg_sip_receive_queue", guards.overload(), o -> o.queueDepth())
        .description("SIP datagrams waiting for the stack").register(registry);
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
        .put("receiveQueue", guards.overload().queueDepth());
  }
}
