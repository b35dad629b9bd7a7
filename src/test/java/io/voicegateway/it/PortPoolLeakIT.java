package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.media.rtp.PortPool;
import org.junit.jupiter.api.Test;

/**
 * 1,000 real SIP calls through the whole gateway, half ended by the caller's BYE and half by the
 * gateway's own BYE after the RTP timeout, and afterwards every RTP port is back in the pool. (The echo
 * app answers at once, so CANCEL cannot be raced reliably here: CANCEL's port release is covered by
 * SipUasScenariosIT and, with every other ending, by MediaEngineTest's 1,000 random legs.)
 */
class PortPoolLeakIT {
  @Test
  void everyPortReturnsToThePoolWhateverEndedTheCall() throws Exception {
    try (GatewayFixture gw = GatewayFixture.start("  rtp_timeout: 1s\n  reconnection_timeout: 1s")) {
      PortPool pool = gw.gateway().media().ports();
      int capacity = pool.available();

      SippRunner.Result byeFromCaller = SippRunner.builtin("uac").args("-s", "echo").run(gw.target(), 500, 20, 100);
      assertEquals(500, byeFromCaller.successful(), byeFromCaller.toString());

      // No RTP from SIPp: the gateway reports AUDIO_STOPPED after 1 s and ends the call with BYE 1 s later.
      SippRunner.Result rtpTimeout = SippRunner.scenario("uac_shutdown.xml").run(gw.target(), 500, 60, 60);
      assertEquals(500, rtpTimeout.successful(), rtpTimeout.toString());

      GatewayUnderTest.eventually(10, () -> pool.available() == capacity);
      assertEquals(capacity, pool.available(), "ports back in the pool after 1,000 calls");
      assertEquals(0, gw.gateway().metrics().activeCalls());
      System.out.printf("port pool: %d of %d ports free after 1000 calls%n", pool.available(), capacity);
    }
  }
}
