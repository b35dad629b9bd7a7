package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.TrunkRegistrationEvent;
import io.voicegateway.bus.TrunkState;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.sip.trunk.TrunkRegistration;
import io.voicegateway.testing.FreePorts;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A provider with {@code register: true} (not a {@code media.registrations} entry) registers to a SIPp registrar
 * that challenges with 401 and verifies the digest, refreshes, and un-REGISTERs on stop. The same account also
 * configured under {@code media.registrations} is registered once only: SIPp's scenario fails on a second flow.
 */
class ProviderRegistrationIT {

  @Test
  void aProviderWithRegisterTrueRegistersOnceAndExposesItsPublicAddress() throws Exception {
    SippRunner.requireSipp();
    int registrarPort = FreePorts.udpAndTcp();
    SippRunner.Running registrar = SippRunner.scenario("uas_register_401.xml")
        .args("-p", String.valueOf(registrarPort)).timeoutSeconds(40).start(null, 1, 1, 1);
    assertTrue(GatewayUnderTest.eventually(10, () -> FreePorts.udpTaken(registrarPort)), "sipp listens on " + registrarPort);

    List<TrunkRegistrationEvent> events = new CopyOnWriteArrayList<>();
    GatewayFixture gw = GatewayFixture.start(String.join("\n",
        "  registrations:",
        "    - uri: sip:alice@127.0.0.1",
        "      username: alice",
        "      password: secret",
        "      registrar: 127.0.0.1:" + registrarPort,
        "      expiry: 60"), String.join("\n",
        "providers:",
        "  - id: carrier1",
        "    host: 127.0.0.1",
        "    port: " + registrarPort,
        "    username: alice",
        "    password: secret",
        "    register: true",
        "    expiry: 60"));
    try {
      gw.gateway().vertx().eventBus().<TrunkRegistrationEvent>consumer(Addresses.TRUNK_REGISTRATION_EVENTS,
          msg -> events.add(msg.body()));
      assertEquals(1, gw.gateway().sip().trunkRegistrations().size(), "one registration for the one account");
      TrunkRegistration trunk = gw.gateway().sip().trunkRegistration("carrier1").orElseThrow();
      assertSame(trunk, gw.gateway().sip().trunkRegistration("registration-1").orElseThrow());
      assertTrue(GatewayUnderTest.eventually(20, () -> trunk.state() == TrunkState.REGISTERED), events.toString());
      long firstExpiry = trunk.snapshot().expiresAtMs();
      // SIPp grants 4 s and wants the refresh before the un-REGISTER ends its run: closing earlier sends the
      // un-REGISTER where the scenario expects the refresh (the test used to pass only when it missed the first
      // REGISTERED event and so waited for the refresh's)
      assertTrue(GatewayUnderTest.eventually(10, () -> trunk.snapshot().expiresAtMs() > firstExpiry),
          "refreshed: " + trunk.snapshot());
      assertTrue(events.stream().anyMatch(e -> e.state() == TrunkState.REGISTERED), events.toString());
      assertEquals("127.0.0.1:" + gw.sipPort(), trunk.publicAddress());
    } finally {
      gw.close();
    }
    SippRunner.Result result = registrar.await();
    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(1, result.successful(), result.toString());
    assertEquals(TrunkState.STOPPED, events.get(events.size() - 1).state(), events.toString());
  }

  @Test
  void aProviderAloneRegisters() throws Exception {
    SippRunner.requireSipp();
    int registrarPort = FreePorts.udpAndTcp();
    SippRunner.Running registrar = SippRunner.scenario("uas_register_401.xml")
        .args("-p", String.valueOf(registrarPort)).timeoutSeconds(40).start(null, 1, 1, 1);
    assertTrue(GatewayUnderTest.eventually(10, () -> FreePorts.udpTaken(registrarPort)), "sipp listens on " + registrarPort);
    GatewayFixture gw = GatewayFixture.start("", String.join("\n",
        "providers:",
        "  - id: carrier1",
        "    host: 127.0.0.1",
        "    port: " + registrarPort,
        "    username: alice",
        "    password: secret",
        "    register: true",
        "    expiry: 60",
        "    inbound_ips: [127.0.0.1]"));
    try {
      TrunkRegistration trunk = gw.gateway().sip().trunkRegistration("carrier1").orElseThrow();
      // the scenario grants 4 s and then wants the refresh before it lets the run end on the un-REGISTER
      assertTrue(GatewayUnderTest.eventually(20, () -> trunk.state() == TrunkState.REGISTERED),
          trunk.snapshot().toString());
      long firstExpiry = trunk.snapshot().expiresAtMs();
      // SIPp grants 4 s and wants the refresh (with valid credentials) before the un-REGISTER ends its run
      assertTrue(GatewayUnderTest.eventually(10, () -> trunk.snapshot().expiresAtMs() > firstExpiry),
          "refreshed: " + trunk.snapshot());
      assertEquals(TrunkState.REGISTERED, trunk.state(), trunk.snapshot().toString());
      assertEquals("sip:alice@127.0.0.1", trunk.snapshot().aor());
      assertEquals("127.0.0.1:" + gw.sipPort(), trunk.publicAddress());
    } finally {
      gw.close();
    }
    SippRunner.Result result = registrar.await();
    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(1, result.successful(), result.toString());
  }
}
