package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configured device must prove itself before it may call (it could otherwise dial a trunk): a SIPp device
 * INVITE without credentials is challenged with 407 and a Digest Proxy-Authenticate of the gateway's realm,
 * and the retry with a wrong password is refused with 403.
 */
class DeviceInviteAuthIT {

  @Test
  void anInviteFromADeviceIsChallengedAndAWrongPasswordRefused(@TempDir Path dir) throws Exception {
    SippRunner.requireSipp();
    Path messages = dir.resolve("messages.log");
    try (GatewayFixture gw = GatewayFixture.start("", String.join("\n",
        "devices:",
        "  - id: alice",
        "    username: alice",
        "    password: wonderland",
        "    extension: \"101\""))) {
      SippRunner.Result r = SippRunner.scenario("uac_invite_device_auth.xml")
          .args("-s", "echo", "-p", String.valueOf(FreePorts.udpAndTcp()), "-trace_msg", "-message_file",
              messages.toString())
          .timeoutSeconds(20).run(gw.target(), 1, 1, 1);
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(1, r.successful(), r.toString());
    }
    String trace = Files.readString(messages);
    assertTrue(trace.contains("Proxy-Authenticate: Digest realm=\"127.0.0.1\""), trace);
    assertTrue(trace.contains("Proxy-Authorization: Digest username=\"alice\""), "SIPp answered the 407:\n" + trace);
  }
}
