package io.voicegateway;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.voicegateway.media.rtp.PortPool;

/**
 * The RTP port pool as gauges, read at scrape time: {@code vg_rtp_ports_free} and {@code vg_rtp_ports_capacity} (a gauge named {@code _total} would lose the suffix in Prometheus)
 * (even ports, one per leg). The alert "port pool nearly empty" and the soak's "every port back" read them.
 */
final class PortPoolMeters {
  private PortPoolMeters() {}

  static void register(MeterRegistry registry, PortPool pool) {
    Gauge.builder("vg_rtp_ports_free", pool, PortPool::available)
        .description("RTP port pairs free in the pool").register(registry);
    Gauge.builder("vg_rtp_ports_capacity", pool, PortPool::capacity)
        .description("RTP port pairs in the pool").register(registry);
  }
}
