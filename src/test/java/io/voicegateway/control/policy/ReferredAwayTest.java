package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.CallState;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.LegState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A party we referred elsewhere: accepted → TRANSFERRED; its call to the target answered → our call ends. */
class ReferredAwayTest {
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final CallRegistry calls = new CallRegistry();
  private final ReferredAway referred = new ReferredAway(lifecycle,
      new Transfers(lifecycle, (call, leg, reason) -> calls.removeLeg(call, leg)), new Teardown(lifecycle));
  private final Call call = new Call(CallDirection.OUTBOUND, "sip:gw@gw", "sip:bob@x", "cid", Map.of(), 0);
  private final FakeEndpoint bob = new FakeEndpoint();

  ReferredAwayTest() {
    calls.add(call);
    Leg leg = Leg.of(LegKind.SIP, CallDirection.OUTBOUND);
    leg.endpoint(bob);
    leg.state(LegState.CONNECTED);
    calls.addLeg(call, leg);
    lifecycle.moveTo(call, CallState.CONNECTED, null);
  }

  @Test
  void anAcceptedReferTransfersTheCallAndTheTargetsAnswerEndsIt() {
    referred.answered(call, 202, "sip:carol@x");
    referred.progress(call, 180);
    assertEquals(CallState.TRANSFERRED, call.state());
    assertTrue(bob.said.isEmpty(), "progress leaves the call up");

    referred.progress(call, 200);

    assertEquals(List.of("hangup"), bob.said);
    assertEquals(List.of("transferred away"), lifecycle.terminated);
  }

  @Test
  void aTargetAnsweringBeforeTheAcceptanceStillAnnouncesTheTransfer() {
    referred.progress(call, 200);

    assertTrue(lifecycle.events.contains(CallEventType.CALL_TRANSFERRED));
    assertEquals(List.of("transferred away"), lifecycle.terminated);
  }

  @Test
  void aRefusedReferLeavesTheCallAsItWas() {
    referred.answered(call, 603, "sip:carol@x");
    referred.progress(call, 486);

    assertEquals(CallState.CONNECTED, call.state());
    assertTrue(bob.said.isEmpty());
  }
}
