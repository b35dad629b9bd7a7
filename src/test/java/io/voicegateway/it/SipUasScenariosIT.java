package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.it.support.TestConfigs;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway as UAS against SIPp scenarios: CANCEL, hold/resume, OPTIONS, unsupported codec, no route. */
class SipUasScenariosIT {
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

  private static void assertAllOk(SippRunner.Result r, int calls) {
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(calls, r.successful(), r.toString());
    assertEquals(0, r.failed(), r.toString());
  }

  @Test
  void cancelBeforeAnswerGets487() throws Exception {
    gw.media.delayOpens(3000);
    assertAllOk(SippRunner.scenario("uac_cancel.xml").args("-s", "echo").run(gw.target(), 5, 5, 10), 5);

    assertTrue(GatewayUnderTest.eventually(10, () -> gw.media.count(CallEventType.CALL_TERMINATED) == 5));
    List<CallEvent> ended = gw.media.events.stream().filter(e -> e.type() == CallEventType.CALL_TERMINATED).toList();
    assertTrue(ended.stream().allMatch(e -> "cancelled".equals(e.reason())), ended.toString());
    assertTrue(ended.stream().allMatch(e -> "cancel".equals(e.xHeaders().get("X-Test-Case"))), "X- header carried");
    assertEquals(0, gw.media.count(CallEventType.CALL_CONNECTED));
    assertTrue(gw.media.attaches.isEmpty(), "no app for a cancelled call");
    assertTrue(GatewayUnderTest.eventually(10, () -> gw.media.closes.size() == 5), "late media ports given back");
    assertEquals(0, gw.metrics.activeCalls());
  }

  @Test
  void holdResumeRefreshAndOldStyleHold() throws Exception {
    assertAllOk(SippRunner.scenario("uac_hold.xml").args("-s", "echo").run(gw.target(), 1, 1, 1), 1);

    assertTrue(GatewayUnderTest.eventually(10, () -> gw.media.count(CallEventType.CALL_TERMINATED) == 1));
    List<CallEventType> types = gw.media.events.stream().map(CallEvent::type).toList();
    assertEquals(List.of(CallEventType.CALL_STARTED, CallEventType.CALL_RINGING, CallEventType.CALL_CONNECTED,
        CallEventType.CALL_ON_HOLD, CallEventType.CALL_RESUMED, CallEventType.CALL_ON_HOLD,
        CallEventType.CALL_RESUMED, CallEventType.CALL_TERMINATED), types);
    // initial + hold + resume + c=0.0.0.0 hold + resume: the refresh (same o= version) starts nothing
    List<MediaCommands.LegStart> starts = List.copyOf(gw.media.starts);
    assertEquals(5, starts.size(), starts.toString());
    assertEquals("g711-alaw", starts.get(0).codec().configName());
    assertEquals(101, starts.get(0).dtmfPayloadType());
    assertEquals("recvonly", starts.get(1).direction().wireName());
    assertEquals("sendrecv", starts.get(2).direction().wireName());
    assertEquals("0.0.0.0", starts.get(3).remoteHost());
  }

  @Test
  void optionsAnswered200WithAllowAndAccept() throws Exception {
    assertAllOk(SippRunner.scenario("options.xml").args("-s", "gateway").run(gw.target(), 3, 1, 10), 3);
  }

  @Test
  void onlyG729Offered488() throws Exception {
    assertAllOk(SippRunner.scenario("uac_g729.xml").args("-s", "echo").run(gw.target(), 2, 1, 10), 2);

    assertEquals(2.0, gw.metrics.registry().get("vg_media_codec_negotiation_errors").counter().count());
    assertTrue(GatewayUnderTest.eventually(10, () -> gw.media.count(CallEventType.CALL_TERMINATED) == 2));
    assertTrue(gw.media.opens.isEmpty(), "no media port for a rejected offer");
    // the scenario fails on any 180 before the 488; the event stream agrees: nothing rang
    assertEquals(0, gw.media.count(CallEventType.CALL_RINGING), gw.media.events.toString());
    assertEquals(0, gw.metrics.activeCalls());
  }

  @Test
  void noRouteGets404() throws Exception {
    // SIPp's uac expects 200: with no route every call must fail, on a 404 (seen in the error log).
    SippRunner.Result r = SippRunner.builtin("uac").args("-s", "nobody").run(gw.target(), 2, 1, 10);
    assertEquals(2, r.failed(), r.toString());
    assertTrue(r.errors().contains("SIP/2.0 404"), r.errors());
    assertTrue(gw.media.events.isEmpty(), "no call created without a route");
  }
}
