package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.peers.BaresipPhone;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.bus.DeviceQueries;
import io.voicegateway.testing.FreePorts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices registering to the gateway: baresip with digest auth (bound at its contact and source, unbound on
 * exit), baresip with a wrong password (403, no binding), and a SIPp REGISTER lifecycle.
 */
class RegistrarIT {
  private static GatewayFixture gw;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start("", String.join("\n",
        "devices:",
        "  - id: alice",
        "    username: alice",
        "    password: wonderland",
        "    extension: \"101\"",
        "  - id: bob",
        "    username: bob",
        "    password: builder"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  @Test
  void baresipRegistersWithDigestAndIsBoundAtItsContact(@TempDir Path dir) throws Exception {
    try (BaresipPhone phone = new BaresipPhone(dir, gw.target(), "alice", "wonderland")) {
      phone.start();
      assertTrue(GatewayUnderTest.eventually(15, () -> !gw.contactsOf("alice").isEmpty()),
          "alice bound; baresip log:\n" + phone.logText());
      List<DeviceQueries.Binding> bound = gw.contactsOf("101");
      assertEquals(1, bound.size(), bound.toString());
      DeviceQueries.Binding b = bound.get(0);
      // baresip makes its Contact user unique per UA instance: sip:alice-0x5645...@127.0.0.1:port
      assertTrue(b.contact().matches("sip:alice[^@]*@127\\.0\\.0\\.1:" + phone.sipPort() + "(;.*)?"), b.contact());
      assertEquals("127.0.0.1:" + phone.sipPort() + "/udp", b.source());
      long remaining = b.expiresInSeconds();
      assertTrue(remaining > 0 && remaining <= 60, "regint=60 honoured: " + remaining);
      assertTrue(phone.logText().contains("200 OK"), phone.logText());
    }
    // baresip un-REGISTERs on SIGTERM
    assertTrue(GatewayUnderTest.eventually(10, () -> gw.contactsOf("alice").isEmpty()), "alice unbound on exit");
  }

  @Test
  void sippRegisterLifecycleEndsWithNoBinding() throws Exception {
    SippRunner.requireSipp();
    SippRunner.Result r = SippRunner.scenario("register_lifecycle.xml").args("-s", "alice", "-p", String.valueOf(FreePorts.udpAndTcp())).run(gw.target(), 1, 1, 1);
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(1, r.successful(), r.toString());
    assertTrue(gw.contactsOf("alice").isEmpty(), "Contact: * removed both contacts");
  }

  @Test
  void wrongPasswordIsRefusedWith403AndBindsNothing(@TempDir Path dir) throws Exception {
    try (BaresipPhone phone = new BaresipPhone(dir, gw.target(), "bob", "not-the-password")) {
      phone.start();
      assertTrue(GatewayUnderTest.eventually(15, () -> {
        try {
          return phone.logText().contains("403");
        } catch (java.io.IOException e) {
          return false;
        }
      }), "baresip told 403; log:\n" + phone.logText());
      assertTrue(gw.contactsOf("bob").isEmpty());
    }
  }
}
