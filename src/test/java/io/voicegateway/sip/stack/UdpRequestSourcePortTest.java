package io.voicegateway.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.GatewayFixture;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A request the gateway sends over UDP (here a trunk's REGISTER) leaves from its SIP port: peers that answer to the
 * source port (SIPp, rport, NAT) must reach the listener. With the guarded UDP listener made by our own factory the
 * stack once sent each request from a fresh ephemeral socket, and every 401 and 180 was lost.
 */
class UdpRequestSourcePortTest {
  @Test
  void aTrunksRegisterLeavesFromTheSipPort() throws Exception {
    try (DatagramSocket registrar = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      registrar.setSoTimeout(20_000); // a bound for a broken gateway, not a wait: the REGISTER is sent at start
      String providers = String.join("\n",
          "providers:",
          "  - id: carrier1",
          "    host: 127.0.0.1",
          "    port: " + registrar.getLocalPort(),
          "    username: alice",
          "    password: secret",
          "    register: true",
          "    expiry: 60");
      try (GatewayFixture gw = GatewayFixture.start("", providers)) {
        DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
        registrar.receive(packet);
        String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("REGISTER "), text);
        assertEquals(gw.sipPort(), packet.getPort(), "sent from the SIP listening port");
      }
    }
  }
}
