package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.TrunkRegistrationEvent;
import io.voicegateway.bus.TrunkState;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.FreePorts;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The gateway registers to a SIPp registrar as a trunk client: answers the 401 with digest credentials SIPp
 * verifies, refreshes the 4 s binding before it lapses (with credentials again) and un-REGISTERs on stop.
 */
class TrunkRegistrationIT {

  @Test
  void registersWithDigestRefreshesAndUnregistersOnStop() throws Exception {
    SippRunner.requireSipp();
    int registrarPort = FreePorts.udpAndTcp();
    SippRunner.Running registrar = SippRunner.scenario("uas_register_401.xml")
        .args("-p", String.valueOf(registrarPort)).timeoutSeconds(40).start(null, 1, 1, 1);
    assertTrue(GatewayUnderTest.eventually(10, () -> listening(registrarPort)), "sipp listens on " + registrarPort);

    List<TrunkRegistrationEvent> events = new CopyOnWriteArrayList<>();
    GatewayFixture gw = GatewayFixture.start(String.join("\n",
        "  registrations:",
        "    - uri: sip:alice@127.0.0.1",
        "      username: alice",
        "      password: secret",
        "      registrar: 127.0.0.1:" + registrarPort,
        "      expiry: 60"));
    try {
      gw.gateway().vertx().eventBus().<TrunkRegistrationEvent>consumer(Addresses.TRUNK_REGISTRATION_EVENTS,
          msg -> events.add(msg.body()));
      // the first REGISTERED may land before this consumer exists; the refresh is due 2 s (half of 4 s) later
      long started = System.currentTimeMillis();
      assertTrue(GatewayUnderTest.eventually(20, () -> registeredCount(events) >= 2 || events.stream()
          .anyMatch(e -> e.state() == TrunkState.REGISTERED && e.timestampMs() >= started + 1_000)), events.toString());
    } finally {
      gw.close();
    }

    SippRunner.Result result = registrar.await();
    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(1, result.successful(), result.toString());
    assertEquals(0, result.failed(), result.toString());

    TrunkRegistrationEvent registered = events.stream().filter(e -> e.state() == TrunkState.REGISTERED)
        .reduce((first, second) -> second).orElseThrow();
    assertEquals("sip:alice@127.0.0.1", registered.aor());
    assertNull(registered.lastError());
    assertEquals("127.0.0.1:" + gw.sipPort(), registered.publicAddress());
    long grantedMs = registered.expiresAtMs() - registered.timestampMs();
    assertTrue(grantedMs > 3_000 && grantedMs <= 4_000, "granted 4 s, saw " + grantedMs + " ms");
    assertEquals(TrunkState.STOPPED, events.get(events.size() - 1).state(), events.toString());
  }

  private static long registeredCount(List<TrunkRegistrationEvent> events) {
    return events.stream().filter(e -> e.state() == TrunkState.REGISTERED).count();
  }

  private static boolean listening(int port) {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      return false;
    } catch (Exception e) {
      return true;
    }
  }
}
