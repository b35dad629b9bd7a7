package io.voicegateway.sip.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.MediaConfig;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which registrations the gateway keeps: media.registrations and providers with register: true, each once. */
class ProviderRegistrationsTest {
  private static final GatewayConfig CONFIG = ConfigLoader.parse("""
      media:
        registrations:
          - {uri: "sip:alice@127.0.0.1", username: alice, password: s, registrar: "127.0.0.1:5070", expiry: 60}
      providers:
        - {id: carrier1, host: 203.0.113.5, port: 5080, transport: tcp, username: "4930123", password: p,
           register: true, expiry: 600}
        - {id: carrier2, host: sip.carrier.example, username: c2, register: true}
        - {id: noreg, host: 203.0.113.9, username: x, password: y}
        - {id: same-as-media, host: 127.0.0.1, port: 5070, username: alice, password: s, register: true}
      """, Map.of());

  private final ProviderRegistrations regs = ProviderRegistrations.of(CONFIG);

  @Test
  void oneRegistrationPerDistinctAccountInConfigurationOrder() {
    assertEquals(List.of("registration-1", "carrier1", "carrier2"),
        regs.entries().stream().map(ProviderRegistrations.Entry::providerId).toList());
  }

  @Test
  void aMediaRegistrationIsKeptAsWrittenAndItsProviderTwinSharesIt() {
    ProviderRegistrations.Entry media = regs.of("registration-1").orElseThrow();
    assertEquals(CONFIG.media().registrations().get(0), media.registration());
    assertSame(media, regs.of("same-as-media").orElseThrow(), "same AOR at the same registrar: registered once");
    assertEquals(Optional.empty(), regs.of("noreg"));
    assertEquals(Optional.empty(), regs.of("nonesuch"));
  }

  @Test
  void aProviderBecomesARegistrationOfUsernameAtItsHost() {
    MediaConfig.Registration r = regs.of("carrier1").orElseThrow().registration();
    assertEquals(new MediaConfig.Registration("sip:4930123@203.0.113.5", "4930123", "p",
        "sip:203.0.113.5:5080;transport=tcp", 600), r);
    assertEquals("sip:203.0.113.5:5080;transport=tcp", RegisterRequests.registrarUri(r));
    assertEquals("4930123", regs.of("carrier1").orElseThrow().contactUser());
    assertEquals("203.0.113.5", regs.of("carrier1").orElseThrow().host());
  }

  @Test
  void anInboundRequestOnARegistrationFromItsHostNamesThatProvider() throws Exception {
    assertEquals(Optional.of("carrier1"), regs.providerFor("4930123", InetAddress.getByName("203.0.113.5")));
    assertEquals(Optional.of("registration-1"), regs.providerFor("alice", InetAddress.getByName("127.0.0.1")));
    assertEquals(Optional.empty(), regs.providerFor("4930123", InetAddress.getByName("203.0.113.6")));
    assertEquals(Optional.empty(), regs.providerFor("alice", InetAddress.getByName("203.0.113.5")));
    assertEquals(Optional.empty(), regs.providerFor(null, InetAddress.getByName("203.0.113.5")));
    // a host name matches only once resolved (never on the event loop); "c2" at an unresolved name: no match
    assertTrue(regs.providerFor("c2", InetAddress.getByName("203.0.113.5")).isEmpty());
  }

  @Test
  void hostOfARegistrarUri() {
    assertEquals("sip.example", ProviderRegistrations.hostOf("sip:sip.example"));
    assertEquals("10.0.0.1", ProviderRegistrations.hostOf("sip:10.0.0.1:5070;transport=tcp"));
    assertEquals("[2001:db8::1]", ProviderRegistrations.hostOf("sips:[2001:db8::1]:5061"));
  }
}
