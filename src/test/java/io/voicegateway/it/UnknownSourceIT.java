package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Toll fraud is refused: a caller that is neither a trunk (its address is outside the provider's
 * {@code inbound_ips}) nor a device (From mallory, no credentials) dials a number of an outbound route. It gets
 * 403 (not 404: the number exists, the caller may not use it), and the SIPp UAS playing the trunk the route
 * names receives no INVITE at all.
 */
class UnknownSourceIT {

  @Test
  void anUnknownSourceDiallingOutGets403AndNothingReachesTheTrunk(@TempDir Path dir) throws Exception {
    SippRunner.requireSipp();
    int trunkPort = FreePorts.udpAndTcp();
    Path trunkMessages = dir.resolve("trunk-messages.log");
    SippRunner.Running trunk = SippRunner.builtin("uas")
        .args("-p", String.valueOf(trunkPort), "-trace_msg", "-message_file", trunkMessages.toString())
        .timeoutSeconds(12).start(null, 1, 1, 1);
    try (GatewayFixture gw = GatewayFixture.start("", String.join("\n",
        "providers:",
        "  - id: carrier1",
        "    host: 127.0.0.1",
        "    port: " + trunkPort,
        "    username: gw",
        "    password: secret",
        "    inbound_ips: [192.0.2.0/24]   # the test's own address (127.0.0.1) is no trunk",
        "devices:",
        "  - id: alice",
        "    username: alice",
        "    password: wonderland",
        "    extension: \"101\"",
        "routes:",
        "  - direction: inbound",
        "    match: echo",
        "    app: echo",
        "    from: any",
        "  - direction: outbound",
        "    match: \"0*\"",
        "    provider: carrier1",
        "    strip: 1",
        "    prepend: \"+49\""))) {
      SippRunner.Result caller = SippRunner.scenario("uac_invite_unknown_403.xml")
          .args("-s", "0301234567", "-p", String.valueOf(FreePorts.udpAndTcp())).timeoutSeconds(20)
          .run(gw.target(), 1, 1, 1);
      assertEquals(0, caller.exitCode(), caller.toString());
      assertEquals(1, caller.successful(), "the caller got 403: " + caller);
    }
    SippRunner.Result trunkRun = trunk.await();
    assertEquals(0, trunkRun.successful() + trunkRun.failed(), "the trunk saw no call: " + trunkRun);
    String seen = Files.exists(trunkMessages) ? Files.readString(trunkMessages) : "";
    assertEquals(0, seen.split("INVITE sip:", -1).length - 1, "INVITEs that reached the trunk:\n" + seen);
    assertFalse(seen.contains("+49301234567"), seen);
  }
}
