package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.DeviceQueries;
import io.voicegateway.it.peers.JsSipPhone;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.HeadlessChromium;
import io.voicegateway.testing.FreePorts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SIP over WebSocket (RFC 7118) with JsSIP in headless Chromium: registration through the ws listening point. */
class SipWebSocketIT {
  private static GatewayFixture gw;
  private static int wsPort;

  @BeforeAll
  static void start() throws Exception {
    wsPort = FreePorts.udpAndTcp();
    gw = GatewayFixture.start(String.join("\n",
        "  sip_transport: [udp, tcp, ws]",
        "  keepalive_interval: 1s",
        "  sip_ws_port: " + wsPort), GatewayFixture.ALICE_AND_BOB);
  }

  @AfterAll
  static void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  private static Optional<DeviceQueries.Qualified> qualified(String device) {
    DeviceQueries.QualifyStatuses all = gw.ask(Addresses.DEVICE_QUALIFY, new DeviceQueries.QualifyQuery());
    return all.bindings().stream().filter(s -> s.binding().deviceId().equals(device)).findFirst();
  }

  private static String wsUrl() {
    return "ws://127.0.0.1:" + wsPort;
  }

  @Test
  void jssipRegistersOverWebSocketAndIsBoundAtItsConnection() throws Exception {
    try (JsSipPhone phone = JsSipPhone.open(null)) {
      phone.register(wsUrl(), "sip:alice@127.0.0.1", "wonderland");
      assertTrue(GatewayUnderTest.eventually(15, () -> {
        try {
          return phone.state().path("registered").asBoolean();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }), "registered; page: " + phone.state() + "\nconsole:\n" + phone.console());
      List<DeviceQueries.Binding> bound = gw.contactsOf("alice");
      assertEquals(1, bound.size(), bound.toString());
      DeviceQueries.Binding b = bound.get(0);
      // JsSIP's Contact host is made up (….invalid); requests to it must take the device's own connection
      assertTrue(b.contact().contains("transport=ws"), b.contact());
      assertTrue(b.source().startsWith("127.0.0.1:") && b.source().endsWith("/ws"), b.source());
      // the gateway reaches the phone back over its own connection: JsSIP answers the OPTIONS qualify
      DeviceQueries.Qualified up;
      try {
        up = HeadlessChromium.eventually(15, "alice qualified over ws",
            () -> qualified("alice").filter(q -> q.rttMs() >= 0).orElse(null));
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; page: " + phone.state() + "\nconsole:\n" + phone.console(), e);
      }
      assertTrue(up.reachable(), up.toString());
    }
  }
}
