package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.LegState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hold carried across a bridge, from either side, and back; no SIP, no sleep. */
class HoldTest {
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final Hold hold = new Hold(lifecycle);
  private final Call call = new Call(CallDirection.INBOUND, "sip:a@x", "sip:100@gw", "cid", Map.of(), 0);
  private final FakeEndpoint callerSide = new FakeEndpoint();
  private final FakeEndpoint calleeSide = new FakeEndpoint();
  private final Leg caller = leg(CallDirection.INBOUND, callerSide);
  private final Leg callee = leg(CallDirection.OUTBOUND, calleeSide);

  private Leg leg(CallDirection direction, FakeEndpoint endpoint) {
    Leg leg = Leg.of(LegKind.SIP, direction);
    leg.endpoint(endpoint);
    leg.state(LegState.CONNECTED);
    call.addLeg(leg);
    return leg;
  }

  HoldTest() {
    call.moveTo(CallState.CONNECTED, 0);
  }

  @Test
  void theCallerHoldsAndTheCalleeFollowsThenBothResume() {
    assertTrue(hold.heldBy(call, caller, true).succeeded());
    assertEquals(List.of("hold"), calleeSide.said);
    assertTrue(callerSide.said.isEmpty(), "the party that held is not re-held");
    assertEquals(CallState.ON_HOLD, call.state());

    hold.heldBy(call, caller, false);

    assertEquals(List.of("hold", "resume"), calleeSide.said);
    assertEquals(List.of(CallEventType.CALL_ON_HOLD, CallEventType.CALL_RESUMED), lifecycle.events);
  }

  @Test
  void theCalleeHoldsAndTheCallerFollows() {
    hold.heldBy(call, callee, true);

    assertEquals(List.of("hold"), callerSide.said);
    assertTrue(caller.onHold() == false && callee.onHold());
    assertEquals(CallState.ON_HOLD, call.state());
  }

  @Test
  void aRepeatedHoldIsNotCarriedAgain() {
    hold.heldBy(call, caller, true);
    hold.heldBy(call, caller, true);

    assertEquals(List.of("hold"), calleeSide.said);
    assertEquals(List.of(CallEventType.CALL_ON_HOLD), lifecycle.events);
  }

  @Test
  void legsStillRingingOrWithoutEndpointAreLeftAlone() {
    FakeEndpoint ringing = new FakeEndpoint();
    Leg branch = Leg.of(LegKind.SIP, CallDirection.OUTBOUND);
    branch.endpoint(ringing);
    call.addLeg(branch);
    call.addLeg(Leg.app("echo"));

    hold.heldBy(call, caller, true);

    assertTrue(ringing.said.isEmpty());
    assertEquals(List.of("hold"), calleeSide.said);
  }

  @Test
  void aPartyRefusingToFollowLeavesTheHoldAsAnswered() {
    Leg refusing = Leg.of(LegKind.SIP, CallDirection.OUTBOUND);
    refusing.state(LegState.CONNECTED);
    refusing.endpoint(new FakeEndpoint() {
      @Override
      public Future<Void> hold() {
        return Future.failedFuture("488");
      }
    });
    call.addLeg(refusing);

    Future<Void> carried = hold.heldBy(call, caller, true);

    assertTrue(carried.succeeded());
    assertEquals(CallState.ON_HOLD, call.state());
    assertFalse(callee.onHold(), "only the holding party's state is recorded");
  }
}
