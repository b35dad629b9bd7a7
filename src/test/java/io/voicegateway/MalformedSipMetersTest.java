package io.voicegateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.voicegateway.sip.stack.MalformedSip;
import org.junit.jupiter.api.Test;

class MalformedSipMetersTest {
  @Test
  void oneSeriesPerReasonReadWhenScraped() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MalformedSipMeters.register(registry);
    double before = registry.get("vg_sip_malformed").tag("reason", "version").functionCounter().count();
    MalformedSip.count(MalformedSip.Reason.VERSION, "192.0.2.9:5060/udp", "SIP version SIP/7.0 (505)");
    assertEquals(before + 1, registry.get("vg_sip_malformed").tag("reason", "version").functionCounter().count());
    String scrape = registry.scrape();
    for (MalformedSip.Reason reason : MalformedSip.Reason.values()) {
      assertTrue(scrape.contains("vg_sip_malformed_total{reason=\"" + reason.label() + "\"}"), scrape);
    }
  }
}
