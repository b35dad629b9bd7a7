package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.DeviceQueries;
import io.voicegateway.bus.DeviceQueries.Qualified;
import io.voicegateway.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OPTIONS qualify of a registered device behind NAT: SIPp registers alice with a Contact on an unreachable
 * private address, so OPTIONS reach it only at the source it registered from; it answers them (reachable, with
 * a round-trip time), then dies without un-registering and, three unanswered OPTIONS later, is unreachable.
 */
class BindingQualifyIT {

  @Test
  void aRegisteredDeviceIsQualifiedAtItsNatSourceAndAStoppedOneBecomesUnreachable(@TempDir Path dir)
      throws Exception {
    SippRunner.requireSipp();
    int phonePort = FreePorts.udpAndTcp();
    Path messages = dir.resolve("phone-messages.log");
    try (GatewayFixture gw = GatewayFixture.start("  keepalive_interval: 1s", String.join("\n",
        "devices:",
        "  - id: alice",
        "    username: alice",
        "    password: wonderland"))) {
      SippRunner.Running phone = SippRunner.scenario("register_and_answer_options.xml")
          .args("-p", String.valueOf(phonePort), "-aa", "-d", "6000", "-trace_msg", "-message_file",
              messages.toString())
          .timeoutSeconds(30).start(gw.target(), 1, 1, 1);

      assertTrue(GatewayUnderTest.eventually(15, () -> status(gw).filter(s -> s.rttMs() >= 0).isPresent()),
          "an OPTIONS answered: " + status(gw));
      Qualified up = status(gw).orElseThrow();
      assertTrue(up.reachable(), up.toString());
      assertEquals(0, up.missed(), up.toString());
      assertEquals("sip:alice@192.0.2.99:5060", up.binding().contact());
      assertEquals(phonePort, up.binding().sourcePort(), "bound at its NAT source");

      SippRunner.Result run = phone.await();
      assertEquals(0, run.exitCode(), run.toString());
      assertEquals(1, run.successful(), run.toString());
      String trace = Files.readString(messages);
      assertTrue(trace.contains("OPTIONS sip:alice@127.0.0.1:" + phonePort + " SIP/2.0"),
          "OPTIONS went to the source, not the private Contact:\n" + trace);

      // the phone is gone but its binding stands: 3 OPTIONS without answer make it unreachable
      assertTrue(GatewayUnderTest.eventually(20, () -> status(gw).filter(s -> !s.reachable()).isPresent()),
          "unreachable after the phone stopped: " + status(gw));
      Qualified down = status(gw).orElseThrow();
      assertTrue(down.missed() >= 3, down.toString());
      assertTrue(down.rttMs() >= 0, "the last round trip stays known: " + down);
    }
  }

  private static Optional<Qualified> status(GatewayFixture gw) {
    DeviceQueries.QualifyStatuses all = gw.ask(Addresses.DEVICE_QUALIFY, new DeviceQueries.QualifyQuery());
    return all.bindings().stream().filter(s -> s.binding().deviceId().equals("alice")).findFirst();
  }
}
