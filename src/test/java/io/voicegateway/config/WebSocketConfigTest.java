package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SIP over WebSocket in {@code media:}: ws/wss in sip_transport, their ports, and the mistakes named by key. */
class WebSocketConfigTest {

  @Test
  void defaultsAreTheConventionalPorts() {
    MediaConfig m = ConfigLoader.parse("media: {sip_transport: [udp, ws]}", Map.of()).media();
    assertEquals(List.of("udp", "ws"), m.sipTransports());
    assertEquals(5066, m.sipWsPort());
    assertEquals(7443, m.sipWssPort());
  }

  @Test
  void portsAreRead() {
    MediaConfig m = ConfigLoader.parse("media: {sip_transport: [udp, tcp, ws], sip_ws_port: 8088}", Map.of()).media();
    assertEquals(8088, m.sipWsPort());
  }

  @Test
  void portsOfUnlistedTransportsAreNotChecked() {
    MediaConfig m = ConfigLoader.parse("media: {sip_transport: [udp, tcp], sip_ws_port: 5060}", Map.of()).media();
    assertEquals(5060, m.sipWsPort());
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("ws on the TCP port", "media: {sip_transport: [udp, tcp, ws], sip_ws_port: 5060}",
            "media.sip_ws_port", "sip_port"),
        Arguments.of("ws inside the rtp range", "media: {sip_transport: [ws], sip_ws_port: 10500}",
            "media.sip_ws_port", "rtp_port_range"),
        Arguments.of("ws port not a port", "media: {sip_transport: [ws], sip_ws_port: 70000}",
            "media.sip_ws_port", "1..65535"),
        Arguments.of("wss without a certificate", "media: {sip_transport: [udp, wss]}",
            "media.sip_tls_cert", "tls or wss"),
        Arguments.of("unknown transport lists ws", "media: {sip_transport: [udp, websocket]}",
            "media.sip_transport[1]", "udp, tcp, tls, ws, wss"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void namesTheKey(String name, String yaml, String keyPath, String says) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, Map.of()));
    assertEquals(keyPath, e.keyPath(), e.getMessage());
    assertTrue(e.getMessage().contains(says), e.getMessage());
  }
}
