package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** providers, devices and routes: each class of mistake names its key path, the value and what is allowed. */
class RoutingConfigErrorsTest {
  private static final String BASE = """
      providers: [{id: carrier1, host: 203.0.113.5}]
      devices: [{id: alice, password: a}, {id: bob, password: b}]
      """;

  static Stream<Arguments> mistakes() {
    return Stream.of(
        // providers
        Arguments.of("unknown provider key", "providers: [{id: c, host: h.example, pasword: x}]",
            "providers[0].pasword", "'pasword'", "did you mean 'password'"),
        Arguments.of("provider without id", "providers: [{host: h.example}]", "providers[0].id", "required", "unique"),
        Arguments.of("provider id with a space", "providers: [{id: 'a b', host: h.example}]", "providers[0].id", "'a b'", "letters, digits"),
        Arguments.of("duplicate provider id", "providers: [{id: c, host: a.example}, {id: c, host: b.example}]",
            "providers[1].id", "'c'", "providers[0].id"),
        Arguments.of("provider id taken by a registration",
            "media: {registrations: [{uri: 'sip:a@b.example'}]}\nproviders: [{id: registration-1, host: h.example}]",
            "media.registrations[0]", "'registration-1'", "providers[0].id"),
        Arguments.of("provider without host", "providers: [{id: c}]", "providers[0].host", "required", "host name or IP"),
        Arguments.of("bad provider host", "providers: [{id: c, host: 'a b'}]", "providers[0].host", "'a b'", "host name"),
        Arguments.of("bad provider port", "providers: [{id: c, host: h.example, port: 0}]", "providers[0].port", "0", "1..65535"),
        Arguments.of("bad transport", "providers: [{id: c, host: h.example, transport: sctp}]", "providers[0].transport", "'sctp'", "udp, tcp, tls"),
        Arguments.of("register not a boolean", "providers: [{id: c, host: h.example, register: yes}]", "providers[0].register", "'yes'", "true or false"),
        Arguments.of("expiry out of range", "providers: [{id: c, host: h.example, expiry: 0}]", "providers[0].expiry", "0", "1..604800"),
        Arguments.of("unknown trunk codec", "providers: [{id: c, host: h.example, codecs: [g729]}]", "providers[0].codecs[0]", "'g729'", "g711-alaw"),
        Arguments.of("inbound ip not an address", "providers: [{id: c, host: h.example, inbound_ips: [carrier.example]}]",
            "providers[0].inbound_ips[0]", "'carrier.example'", "CIDR"),
        Arguments.of("cidr prefix too long", "providers: [{id: c, host: h.example, inbound_ips: ['203.0.113.0/33']}]",
            "providers[0].inbound_ips[0]", "'203.0.113.0/33'", "203.0.113.0/24"),
        Arguments.of("providers as a mapping", "providers: {id: c}", "providers", "mapping", "a list"),
        // devices
        Arguments.of("unknown device key", "devices: [{id: a, password: x, ext: '1'}]", "devices[0].ext", "'ext'", "extension"),
        Arguments.of("device without password", "devices: [{id: a}]", "devices[0].password", "required", "digest"),
        Arguments.of("duplicate device id", "devices: [{id: a, password: x}, {id: a, password: y}]", "devices[1].id", "'a'", "devices[0].id"),
        Arguments.of("duplicate user name", "devices: [{id: a, password: x}, {id: b, username: a, password: y}]",
            "devices[1].username", "'a'", "devices[0].id"),
        Arguments.of("duplicate extension", "devices: [{id: a, password: x, extension: 101}, {id: b, password: y, extension: '101'}]",
            "devices[1].extension", "'101'", "devices[0].extension"),
        Arguments.of("extension not dialable", "devices: [{id: a, password: x, extension: 'ten'}]", "devices[0].extension", "'ten'", "digits"),
        Arguments.of("user name with a space", "devices: [{id: a, username: 'a b', password: x}]", "devices[0].username", "'a b'", "SIP user name"),
        // routes
        Arguments.of("unknown route key", BASE + "routes: [{direction: inbound, match: '1', app: echo, ring_timout: 5s}]",
            "routes[0].ring_timout", "'ring_timout'", "did you mean 'ring_timeout'"),
        Arguments.of("route without direction", BASE + "routes: [{match: '1', app: echo}]", "routes[0].direction", "required", "inbound"),
        Arguments.of("bad direction", BASE + "routes: [{direction: in, match: '1', app: echo}]", "routes[0].direction", "'in'", "inbound, outbound"),
        Arguments.of("route without match", BASE + "routes: [{direction: inbound, app: echo}]", "routes[0].match", "required", "/regex/"),
        Arguments.of("bad regex", BASE + "routes: [{direction: inbound, match: '/1(2/', app: echo}]", "routes[0].match", "'/1(2/'", "regular expression"),
        Arguments.of("no target", BASE + "routes: [{direction: inbound, match: '1'}]", "routes[0]", "no target", "exactly one of ring, app"),
        Arguments.of("two targets", BASE + "routes: [{direction: inbound, match: '1', app: echo, ring: [alice]}]",
            "routes[0]", "several targets (ring, app)", "exactly one"),
        Arguments.of("unknown device to ring", BASE + "routes: [{direction: inbound, match: '1', ring: [alice, bbo]}]",
            "routes[0].ring[1]", "'bbo'", "did you mean 'bob'"),
        Arguments.of("device rung twice", BASE + "routes: [{direction: inbound, match: '1', ring: [alice, alice]}]",
            "routes[0].ring[1]", "'alice'", "routes[0].ring[0]"),
        Arguments.of("empty ring list", BASE + "routes: [{direction: inbound, match: '1', ring: []}]", "routes[0].ring", "empty", "at least one device"),
        Arguments.of("unknown provider", BASE + "routes: [{direction: outbound, match: '0*', provider: carier1}]",
            "routes[0].provider", "'carier1'", "known: carrier1"),
        Arguments.of("unknown app", BASE + "routes: [{direction: inbound, match: '1', app: ecko}]", "routes[0].app", "'ecko'", "echo"),
        Arguments.of("strip too large", BASE + "routes: [{direction: outbound, match: '0*', provider: carrier1, strip: 40}]",
            "routes[0].strip", "40", "0..32"),
        Arguments.of("prepend not dialable", BASE + "routes: [{direction: outbound, match: '0*', provider: carrier1, prepend: 'x'}]",
            "routes[0].prepend", "'x'", "digits"),
        Arguments.of("bad ring timeout", BASE + "routes: [{direction: inbound, match: '1', ring: [alice], ring_timeout: 5w}]",
            "routes[0].ring_timeout", "'5w'", "ms, s, m, h or d"),
        Arguments.of("ring timeout without ring", BASE + "routes: [{direction: inbound, match: '1', app: echo, ring_timeout: 5s}]",
            "routes[0].ring_timeout", "only a route that rings", "ring"),
        Arguments.of("unknown no-answer key", BASE + "routes: [{direction: inbound, match: '1', ring: [alice], on_no_answer: {voicemial: b}}]",
            "routes[0].on_no_answer.voicemial", "'voicemial'", "did you mean 'voicemail'"),
        Arguments.of("no-answer to an unknown device", BASE + "routes: [{direction: inbound, match: '1', ring: [alice], on_no_answer: {ring: [carol]}}]",
            "routes[0].on_no_answer.ring[0]", "'carol'", "alice, bob"),
        Arguments.of("no-answer with two targets", BASE + "routes: [{direction: inbound, match: '1', ring: [alice], on_no_answer: {app: echo, voicemail: b}}]",
            "routes[0].on_no_answer", "several targets", "exactly one"),
        Arguments.of("bad from", BASE + "routes: [{direction: inbound, match: '1', app: echo, from: everyone}]",
            "routes[0].from", "'everyone'", "any, known, trunk, device"),
        Arguments.of("outbound from any", BASE + "routes: [{direction: outbound, match: '0*', provider: carrier1, from: any}]",
            "routes[0].from", "'any'", "allowed: device"),
        Arguments.of("inbound from any to a trunk", BASE + "routes: [{direction: inbound, match: '*', provider: carrier1, from: any}]",
            "routes[0].from", "'any'", "toll fraud"),
        Arguments.of("ring without devices configured", "routes: [{direction: inbound, match: '1', ring: [alice]}]",
            "routes[0].ring[0]", "'alice'", "none is configured"),
        Arguments.of("routes as a mapping", "routes: {}", "routes", "mapping", "a list"),
        Arguments.of("missing variable in a password", "devices: [{id: a, password: '${ALICE_PW}'}]", "devices[0].password", "ALICE_PW", "ALICE_PW"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void namesKeyPathValueAndWhatIsAllowed(String name, String yaml, String keyPath, String shownValue, String allowed) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, Map.of()));
    assertEquals(keyPath, e.keyPath(), e.getMessage());
    assertTrue(e.getMessage().startsWith(keyPath + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(shownValue), "shows " + shownValue + ": " + e.getMessage());
    assertTrue(e.getMessage().contains(allowed), "says " + allowed + ": " + e.getMessage());
  }
}
