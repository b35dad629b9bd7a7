package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.MediaConfig;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.TestConfigs;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway pings each configured registrar, and each trunk that does not register, with OPTIONS every keepalive interval. */
class SipKeepaliveIT {
  @Test
  void optionsSentToEachRegistrarEveryInterval() throws Exception {
    try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      peer.setSoTimeout(10_000);
      MediaConfig.Registration trunk = new MediaConfig.Registration("sip:gw@127.0.0.1", "gw", "pw",
          "127.0.0.1:" + peer.getLocalPort(), 300);
      try (GatewayUnderTest gw = new GatewayUnderTest(TestConfigs.gateway(TestConfigs.media(FreePorts.udpAndTcp(),
          List.of("udp"), null, null, List.of(trunk), Duration.ofMillis(200))))) {
        // the registration to the same peer sends REGISTERs (unanswered, so retransmitted) between the OPTIONS
        int options = 0;
        while (options < 2) {
          DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
          peer.receive(p);
          String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
          if (text.startsWith("REGISTER ")) {
            continue;
          }
          assertTrue(text.startsWith("OPTIONS sip:127.0.0.1:" + peer.getLocalPort() + " SIP/2.0"), text);
          options++;
        }
      }
    }
  }

  @Test
  void optionsSentToATrunkThatDoesNotRegister() throws Exception {
    try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      peer.setSoTimeout(10_000);
      try (GatewayFixture gw = GatewayFixture.start("  keepalive_interval: 200ms", String.join("\n",
          "providers:",
          "  - id: static-trunk",
          "    host: 127.0.0.1",
          "    port: " + peer.getLocalPort()))) {
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        peer.receive(p);
        String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("OPTIONS sip:127.0.0.1:" + peer.getLocalPort() + " SIP/2.0"), text);
      }
    }
  }
}
