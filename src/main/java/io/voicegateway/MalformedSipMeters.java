package io.voicegateway;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.voicegateway.sip.stack.MalformedSip;

/**
 * {@code vg_sip_malformed_total{reason}}: SIP messages refused or dropped as malformed, one series per
 * {@link MalformedSip.Reason}, read from the SIP stack's counters when scraped (the stack counts on its own threads
 * without knowing about meters).
 */
final class MalformedSipMeters {
  private MalformedSipMeters() {}

  static void register(MeterRegistry registry) {
    for (MalformedSip.Reason reason : MalformedSip.Reason.values()) {
      FunctionCounter.builder("vg_sip_malformed", reason, MalformedSip::count)
          .description("SIP messages refused or dropped as malformed")
          .tag("reason", reason.label())
          .register(registry);
    }
  }
}
