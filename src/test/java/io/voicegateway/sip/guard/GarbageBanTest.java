package io.voicegateway.sip.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.voicegateway.it.GatewayFixture;
import io.voicegateway.it.support.GatewayUnderTest;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Garbage through the real stack: each unparseable datagram is reported by the parser hook with its sender, the
 * fifth bans the sender, and what it sends next is dropped on the receive thread (counted as banned).
 */
class GarbageBanTest {
  @Test
  void unparseableDatagramsBanTheirSender() throws Exception {
    try (GatewayFixture gw = GatewayFixture.start("", "limits:\n  garbage_ban_after: 5");
         DatagramSocket flooder = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
      byte[] garbage = "NOT SIP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      InetSocketAddress sip = new InetSocketAddress("127.0.0.1", gw.sipPort());
      for (int i = 0; i < 5; i++) {
        flooder.send(new DatagramPacket(garbage, garbage.length, sip));
      }
      assertTrue(GatewayUnderTest.eventually(20, () -> limits(gw).getLong("bansTotal") == 1), limits(gw).encode());
      for (int i = 0; i < 7; i++) {
        flooder.send(new DatagramPacket(garbage, garbage.length, sip));
      }
      assertTrue(GatewayUnderTest.eventually(20, () -> limited(gw, "banned") == 7), limits(gw).encode());
      assertEquals(1, limits(gw).getInteger("bannedNow"));
      assertEquals(0, limited(gw, "rate"), "garbage, not the rate, banned it");
    }
  }

  private static JsonObject limits(GatewayFixture gw) {
    return gw.gateway().health().getJsonObject("limits");
  }

  private static long limited(GatewayFixture gw, String reason) {
    return limits(gw).getJsonObject("limited").getLong(reason);
  }
}
