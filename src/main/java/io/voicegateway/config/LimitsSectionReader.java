package io.voicegateway.config;

import java.time.Duration;
import java.util.List;

/** Reads the {@code limits:} section (see {@link LimitsConfig}); a bad value exits 2 naming its key. */
final class LimitsSectionReader {
  static final List<String> KEYS = List.of("enabled", "requests_per_second", "requests_burst",
      "invites_per_second", "invites_burst", "trusted_per_second", "trusted_burst", "flood_ban_after",
      "garbage_ban_after", "auth_failures_ban_after", "strike_window", "ban_time", "max_sources", "queue_capacity",
      "udp_max_datagram", "overload_free_ports_percent", "overload_late_tick_percent", "overload_queue_depth",
      "retry_after", "unknown_source_max_calls", "max_connections_per_source", "unknown_requests_per_second",
      "unknown_invites_per_second", "unknown_ports_percent", "connections_per_second", "unknown_max_connections",
      "trusted_sources");

  private static final int MANY = 1_000_000;

  private LimitsSectionReader() {}

  static LimitsConfig read(ConfigMap limits) {
    LimitsConfig d = LimitsConfig.defaults();
    int rate = limits.integer("requests_per_second", d.requestsPerSecond(), 1, MANY);
    int invites = limits.integer("invites_per_second", d.invitesPerSecond(), 1, MANY);
    int trusted = limits.integer("trusted_per_second", d.trustedPerSecond(), 1, MANY);
    return new LimitsConfig(
        limits.bool("enabled", d.enabled()),
        rate,
        limits.integer("requests_burst", Math.max(rate, d.requestsBurst()), 1, MANY),
        invites,
        limits.integer("invites_burst", Math.max(invites, d.invitesBurst()), 1, MANY),
        trusted,
        limits.integer("trusted_burst", Math.max(trusted, d.trustedBurst()), 1, MANY),
        limits.integer("flood_ban_after", d.floodBanAfter(), 1, MANY),
        limits.integer("garbage_ban_after", d.garbageBanAfter(), 1, MANY),
        limits.integer("auth_failures_ban_after", d.authFailuresBanAfter(), 1, MANY),
        limits.positiveDuration("strike_window", d.strikeWindow()),
        limits.positiveDuration("ban_time", d.banTime()),
        limits.integer("max_sources", d.maxSources(), 16, 10 * MANY),
        limits.integer("queue_capacity", d.queueCapacity(), 16, MANY),
        limits.integer("udp_max_datagram", d.udpMaxDatagram(), 1500, 65_535),
        limits.integer("overload_free_ports_percent", d.overloadFreePortsPercent(), 0, 99),
        limits.integer("overload_late_tick_percent", d.overloadLateTickPercent(), 1, 100),
        limits.integer("overload_queue_depth", d.overloadQueueDepth(), 1, MANY),
        retryAfter(limits, d.retryAfter()),
        limits.integer("unknown_source_max_calls", d.unknownSourceMaxCalls(), 0, MANY),
        limits.integer("max_connections_per_source", d.maxConnectionsPerSource(), 0, MANY),
        limits.integer("unknown_requests_per_second", d.unknownRequestsPerSecond(), 1, MANY),
        limits.integer("unknown_invites_per_second", d.unknownInvitesPerSecond(), 1, MANY),
        limits.integer("unknown_ports_percent", d.unknownPortsPercent(), 1, 100),
        limits.integer("connections_per_second", d.connectionsPerSecond(), 1, MANY),
        limits.integer("unknown_max_connections", d.unknownMaxConnections(), 0, MANY),
        limits.value("trusted_sources", d.trustedSources(), ProvidersReader::ipRanges));
  }

  /** Retry-After carries whole seconds (RFC 3261 §20.33): at least one. */
  private static Duration retryAfter(ConfigMap limits, Duration fallback) {
    Duration value = limits.positiveDuration("retry_after", fallback);
    if (value.toSeconds() < 1) {
      throw limits.get("retry_after").error(limits.get("retry_after").shown() + " must be at least 1s");
    }
    return value;
  }
}
