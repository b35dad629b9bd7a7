package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.FreePorts;
import org.junit.jupiter.api.Test;

/**
 * {@code limits.unknown_source_max_calls} against a real caller: SIPp on 127.0.0.2 (neither trunk nor device)
 * opens 12 calls at once to {@code sip:echo}, each held 6 s. With a cap of 4, four are answered and eight refused
 * {@code 503} before any port is taken; once they end every port is back, the address holds nothing and a new call
 * from it is answered again.
 */
class SourceCallCapIT {
  private static final int CAP = 4;
  private static final int CALLS = 12;

  @Test
  void aStrangerGetsItsCapOfCallsAndTheRest503(/* SIPp counts each 503 as a failed call */) throws Exception {
    SippRunner.requireSipp();
    try (GatewayFixture gw = GatewayFixture.start("", String.join("\n",
        "limits:",
        "  unknown_source_max_calls: " + CAP,
        "routes:",
        "  - direction: inbound",
        "    match: echo",
        "    app: echo",
        "    from: any"))) {
      SippRunner.Result burst = SippRunner.scenario("uac_stranger_call.xml").from("127.0.0.2")
          .args("-s", "echo", "-p", String.valueOf(FreePorts.udpAndTcp()), "-d", "6000")
          .timeoutSeconds(40).run(gw.target(), CALLS, CALLS, 100);
      assertEquals(CAP, burst.successful(), burst.toString());
      assertEquals(CALLS - CAP, burst.failed(), burst.toString());
      assertEquals(CALLS - CAP, limits(gw).getLong("sourceCallsRefused"), limits(gw).encode());
      double refused = gw.gateway().metrics().registry().find("vg_sip_invites_refused")
          .tag("reason", "source_calls").functionCounter().count();
      assertEquals(CALLS - CAP, refused, 0.0);

      gw.assertAllPortsBack("after the capped burst");
      assertTrue(GatewayUnderTest.eventually(10, () -> limits(gw).getInteger("unknownSourceCalls") == 0),
          limits(gw).encode());

      SippRunner.Result again = SippRunner.scenario("uac_stranger_call.xml").from("127.0.0.2")
          .args("-s", "echo", "-p", String.valueOf(FreePorts.udpAndTcp()), "-d", "500")
          .timeoutSeconds(20).run(gw.target(), 1, 1, 1);
      assertEquals(1, again.successful(), "the slots came back: " + again);
      gw.assertAllPortsBack("after the call that followed");
    }
  }

  private static JsonObject limits(GatewayFixture gw) {
    return gw.gateway().health().getJsonObject("limits");
  }
}
