package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.it.support.TestConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SIPp's stock UAC calling sip:echo@ the gateway: every call answered, routed to echo, ended cleanly. */
class SipUasBasicIT {
  private GatewayUnderTest gw;

  @BeforeEach
  void start() throws Exception {
    SippRunner.requireSipp();
    gw = new GatewayUnderTest(TestConfigs.udpTcp(FreePorts.udpAndTcp()));
  }

  @AfterEach
  void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  @Test
  void hundredEchoCallsTenConcurrentAllSucceed() throws Exception {
    SippRunner.Result r = SippRunner.builtin("uac").args("-s", "echo").run(gw.target(), Integer.getInteger("calls", 100), 10, 50);

    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(100, r.successful(), r.toString());
    assertEquals(0, r.failed(), r.toString());
    assertTrue(GatewayUnderTest.eventually(10, () -> gw.media.closes.size() == 100), "100 LegClose");
    assertEquals(100, gw.media.opens.size());
    assertEquals(100, gw.media.starts.size());
    assertEquals(100, gw.media.attaches.stream().filter(a -> a.app().equals("echo")).count());
    assertEquals(100, gw.media.count(CallEventType.CALL_STARTED));
    assertEquals(100, gw.media.count(CallEventType.CALL_CONNECTED));
    assertEquals(100, gw.media.count(CallEventType.CALL_TERMINATED));
    assertTrue(gw.media.events.stream().filter(e -> e.type() == CallEventType.CALL_TERMINATED)
        .allMatch(e -> "remote BYE".equals(e.reason())));
    MediaCommands.LegStart start = gw.media.starts.peek();
    assertEquals("g711-ulaw", start.codec().configName());
    assertEquals(0, start.payloadType());
    assertEquals("127.0.0.1", start.remoteHost());
    assertEquals("sendrecv", start.direction().wireName());
    assertEquals(0, gw.metrics.activeCalls());
    assertEquals(100.0, gw.metrics.registry().get("vg_media_total_calls").counter().count());
  }
}
