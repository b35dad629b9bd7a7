package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.LegState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DTMF into a call reaches the first talking party through its endpoint, never an app; no SIP, no bus. */
class SendDigitsTest {
  private final CallRegistry calls = new CallRegistry();
  private final SendDigits digits = new SendDigits(calls);
  private final Call call = new Call(CallDirection.INBOUND, "sip:a@x", "sip:echo@gw", "cid", Map.of(), 0);

  SendDigitsTest() {
    calls.add(call);
  }

  private FakeEndpoint party(LegKind kind, LegState state) {
    FakeEndpoint endpoint = new FakeEndpoint();
    Leg leg = kind == LegKind.APP ? Leg.app("echo") : Leg.of(kind, CallDirection.INBOUND);
    leg.endpoint(endpoint);
    leg.state(state);
    calls.addLeg(call, leg);
    return endpoint;
  }

  @Test
  void theDigitsGoToTheFirstTalkingPartyNotToAnApp() {
    FakeEndpoint app = party(LegKind.APP, LegState.CONNECTED);
    FakeEndpoint ringing = party(LegKind.SIP, LegState.SETTING_UP);
    FakeEndpoint caller = party(LegKind.SIP, LegState.CONNECTED);

    assertTrue(digits.send(call.id(), "12#").succeeded());

    assertEquals(List.of("dtmf 12#"), caller.said);
    assertTrue(app.said.isEmpty());
    assertTrue(ringing.said.isEmpty());
  }

  @Test
  void anUnknownCallIs404AndACallNobodyTalksOnYet481() {
    Future<Void> unknown = digits.send("nope", "1");
    party(LegKind.SIP, LegState.SETTING_UP);
    Future<Void> notYet = digits.send(call.id(), "1");

    assertEquals(404, ((CallFailure) unknown.cause()).status());
    assertEquals(481, ((CallFailure) notYet.cause()).status());
  }

  @Test
  void aPartyThatCannotCarryDigitsIsAWrongState481NotAFault() {
    Leg leg = Leg.of(LegKind.SIP, CallDirection.INBOUND);
    leg.endpoint(new FakeEndpoint() {
      @Override
      public Future<Void> sendDtmf(String d) {
        return Future.failedFuture(new IllegalStateException("no telephone-event"));
      }
    });
    leg.state(LegState.CONNECTED);
    calls.addLeg(call, leg);

    CallFailure refused = (CallFailure) digits.send(call.id(), "1").cause();

    assertEquals(481, refused.status());
    assertTrue(refused.getMessage().contains("no telephone-event"));
  }
}
