package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voicegateway.config.RouteConfig.Direction;
import io.voicegateway.config.RouteConfig.Fallback;
import io.voicegateway.config.RouteConfig.From;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** providers, devices and routes as the issue writes them, and every default. */
class RoutingConfigValuesTest {

  @Test
  void theIssueExampleLoadsIntoRecords() {
    GatewayConfig config = ConfigLoader.parse("""
        providers:
          - id: carrier1
            host: sip.carrier.example
            username: "4930123456"
            password: "${CARRIER1_PASSWORD}"
            register: true
            expiry: 3600
            codecs: [g711-alaw, opus]
            inbound_ips: [203.0.113.0/24]
        devices:
          - id: alice
            username: alice
            password: "${ALICE_PASSWORD}"
            extension: "101"
          - {id: bob, password: b}
        routes:
          - direction: inbound
            match: "+4930123*"
            ring: [alice, bob]
            ring_timeout: 25s
            on_no_answer: { voicemail: box1 }
          - direction: outbound
            match: "0*"
            provider: carrier1
            strip: 1
            prepend: "+49"
        """, Map.of("CARRIER1_PASSWORD", "c-secret", "ALICE_PASSWORD", "a-secret"));

    assertEquals(List.of(new ProviderConfig("carrier1", "sip.carrier.example", 5060, "udp", "4930123456", "c-secret",
        true, 3600, List.of("g711-alaw", "opus"), List.of("203.0.113.0/24"))), config.providers());
    assertEquals(List.of(new DeviceConfig("alice", "alice", "a-secret", "101"),
        new DeviceConfig("bob", "bob", "b", null)), config.devices());
    assertEquals(List.of(
        new RouteConfig(Direction.INBOUND, "+4930123*", List.of("alice", "bob"), null, null, null, null, null, 0, "",
            Duration.ofSeconds(25), new Fallback("voicemail", List.of("box1")), From.KNOWN),
        new RouteConfig(Direction.OUTBOUND, "0*", List.of(), null, null, null, null, "carrier1", 1, "+49", null, null,
            From.DEVICE)), config.routes());
  }

  @Test
  void providerDefaults() {
    GatewayConfig config = ConfigLoader.parse("""
        media: {codecs: [opus, g722]}
        providers:
          - {id: byname, host: sip.example.com}
          - {id: byip, host: 192.0.2.1, transport: tls}
          - {id: single, host: sip.example.com, inbound_ips: '2001:db8::/32', codecs: g711-ulaw}
        """, Map.of());
    assertEquals(new ProviderConfig("byname", "sip.example.com", 5060, "udp", "", "", false, 3600,
        List.of("opus", "g722"), List.of()), config.providers().get(0));
    assertEquals(new ProviderConfig("byip", "192.0.2.1", 5061, "tls", "", "", false, 3600,
        List.of("opus", "g722"), List.of("192.0.2.1")), config.providers().get(1));
    assertEquals(List.of("2001:db8::/32"), config.providers().get(2).inboundIps());
    assertEquals(List.of("g711-ulaw"), config.providers().get(2).codecs());
  }

  @Test
  void registrationsBecomeRegisteringProvidersAfterTheConfiguredOnes() {
    GatewayConfig config = ConfigLoader.parse("""
        media:
          registrations:
            - {uri: 'sip:4420@trunk.example.com', password: p, expiry: 600}
            - {uri: 'sip:bob@a.example', username: auth, registrar: 'sip:198.51.100.2:5070;transport=tcp'}
        providers: [{id: carrier1, host: sip.carrier.example}]
        routes: [{direction: outbound, match: '*', provider: registration-2}]
        """, Map.of());
    List<String> codecs = config.media().codecs();
    assertEquals(List.of(
        new ProviderConfig("carrier1", "sip.carrier.example", 5060, "udp", "", "", false, 3600, codecs, List.of()),
        new ProviderConfig("registration-1", "trunk.example.com", 5060, "udp", "4420", "p", true, 600, codecs, List.of()),
        new ProviderConfig("registration-2", "198.51.100.2", 5070, "tcp", "auth", "", true, 3600, codecs,
            List.of("198.51.100.2"))), config.providers());
    assertEquals(2, config.media().registrations().size(), "the original list stays as it was");
    assertEquals("registration-2", config.routes().get(0).provider());
  }

  @Test
  void sipAddressSplitsHostPortAndTransport() {
    assertEquals(new SipAddress("", "192.0.2.1", 5061, "tls"), SipAddress.parse("sips:192.0.2.1"));
    assertEquals(new SipAddress("u", "2001:db8::1", 5080, "udp"), SipAddress.parse("sip:u@[2001:db8::1]:5080"));
    assertEquals(new SipAddress("", "h.example", 5060, "tcp"), SipAddress.parse("sip:h.example;transport=TCP"));
  }

  @Test
  void routeDefaultsAndEveryTargetKind() {
    GatewayConfig config = ConfigLoader.parse("""
        devices: [{id: alice, password: a, extension: 101}]
        ivr: {main: {greeting: Hello}}
        routes:
          - {direction: inbound, match: '/^1\\d+$/', ring: alice}
          - {direction: inbound, match: '2', app: echo, from: any}
          - {direction: inbound, match: '3', ivr: main, from: trunk}
          - {direction: inbound, match: '4', voicemail: box1, from: device}
          - {direction: inbound, match: '5', stream: asr, from: known}
        """, Map.of());
    List<RouteConfig> r = config.routes();
    assertEquals("101", config.devices().get(0).extension(), "a YAML integer extension is read as text");
    assertEquals(List.of("alice"), r.get(0).ring());
    assertEquals(Duration.ofSeconds(30), r.get(0).ringTimeout());
    assertEquals("/^1\\d+$/", r.get(0).match());
    assertEquals(From.KNOWN, r.get(0).from());
    assertEquals("echo", r.get(1).app());
    assertEquals(From.ANY, r.get(1).from());
    assertEquals("main", r.get(2).ivr());
    assertEquals(From.TRUNK, r.get(2).from());
    assertEquals("box1", r.get(3).voicemail());
    assertEquals(From.DEVICE, r.get(3).from());
    assertEquals("asr", r.get(4).stream());
    assertEquals(0, r.get(4).strip());
    assertEquals("", r.get(4).prepend());
  }

  @Test
  void routesDefaultToTheEchoTestAndAnEmptyListRoutesNothing() {
    assertEquals(ConfigLoader.DEFAULT_ROUTES, ConfigLoader.parse("routes: ~", Map.of()).routes());
    assertEquals(List.of(), ConfigLoader.parse("routes: []", Map.of()).routes());
    RouteConfig echo = ConfigLoader.DEFAULT_ROUTES.get(0);
    assertEquals("echo", echo.match());
    assertEquals("echo", echo.app());
    assertEquals(From.ANY, echo.from());
  }
}
