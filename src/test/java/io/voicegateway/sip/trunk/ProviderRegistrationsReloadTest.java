package io.voicegateway.sip.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reload stops the registrations of removed or changed providers, starts new ones and leaves the rest running. */
class ProviderRegistrationsReloadTest {
  private static GatewayConfig config(String providers) {
    return ConfigLoader.parse("providers:\n" + providers, Map.of());
  }

  private static String provider(String id, String host, String password) {
    return "  - id: " + id + "\n    host: " + host + "\n    username: gw\n    password: " + password
        + "\n    register: true\n";
  }

  @Test
  void changedAndRemovedStopNewStartsUnchangedStays() {
    ProviderRegistrations regs = ProviderRegistrations.of(config(provider("a", "203.0.113.1", "x")
        + provider("b", "203.0.113.2", "x") + provider("c", "203.0.113.3", "x")));

    ProviderRegistrations.Changes changes = regs.reload(config(provider("a", "203.0.113.1", "x")
        + provider("b", "203.0.113.2", "changed") + provider("d", "203.0.113.4", "x")));

    assertEquals(List.of("b", "c"), changes.stopped().stream().map(ProviderRegistrations.Entry::providerId).toList());
    assertEquals(List.of("b", "d"), changes.started().stream().map(ProviderRegistrations.Entry::providerId).toList());
    assertEquals(List.of("a", "b", "d"), regs.entries().stream().map(ProviderRegistrations.Entry::providerId).toList());
    assertTrue(regs.of("c").isEmpty());
    assertEquals("changed", regs.of("b").orElseThrow().registration().password());
  }
}
