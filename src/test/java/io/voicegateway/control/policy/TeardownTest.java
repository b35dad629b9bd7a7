package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A call ends from either side, or from ours; no SIP, no sleep. */
class TeardownTest {
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final Teardown teardown = new Teardown(lifecycle);
  private final Call call = new Call(CallDirection.INBOUND, "sip:a@x", "sip:100@gw", "cid", Map.of(), 0);
  private final FakeEndpoint callerSide = new FakeEndpoint();
  private final FakeEndpoint calleeSide = new FakeEndpoint();
  private final Leg caller = leg(callerSide);
  private final Leg callee = leg(calleeSide);

  private Leg leg(FakeEndpoint endpoint) {
    Leg leg = Leg.of(LegKind.SIP, CallDirection.INBOUND);
    leg.endpoint(endpoint);
    call.addLeg(leg);
    return leg;
  }

  TeardownTest() {
    call.addLeg(Leg.app("echo")); // no endpoint: ends with the call's media
    call.moveTo(CallState.CONNECTED, 0);
  }

  @Test
  void theCallerHangsUpAndOnlyTheCalleeIsHungUp() {
    assertTrue(teardown.hungUpBy(call, caller, "remote BYE").succeeded());

    assertTrue(callerSide.said.isEmpty());
    assertEquals(List.of("hangup"), calleeSide.said);
    assertEquals(List.of("remote BYE"), lifecycle.terminated);
    assertEquals(CallState.TERMINATED, call.state());
  }

  @Test
  void theCalleeHangsUpAndOnlyTheCallerIsHungUp() {
    teardown.hungUpBy(call, callee, "remote BYE");

    assertEquals(List.of("hangup"), callerSide.said);
    assertTrue(calleeSide.said.isEmpty());
    assertEquals(CallState.TERMINATED, call.state());
  }

  @Test
  void weHangUpEveryParty() {
    teardown.hangUp(call, "api");

    assertEquals(List.of("hangup"), callerSide.said);
    assertEquals(List.of("hangup"), calleeSide.said);
    assertEquals(List.of("api"), lifecycle.terminated);
  }

  @Test
  void aSecondTeardownEndsNothingTwice() {
    teardown.hangUp(call, "api");
    teardown.hungUpBy(call, caller, "remote BYE");

    assertEquals(List.of("api"), lifecycle.terminated);
  }

  @Test
  void aCallerThatGivesUpBeforeItIsAnsweredEndsTheCallAtOnceWithItsRefusal() {
    Promise<Void> answerInProgress = Promise.promise();
    call.enqueue(answerInProgress::future); // not waited for: the answer sees the caller settled and stops

    teardown.callerGaveUp(call, caller);

    assertEquals(List.of("hangup"), callerSide.said); // SIP: the 487 to its INVITE
    assertEquals(List.of("hangup"), calleeSide.said);
    assertEquals(List.of("cancelled"), lifecycle.terminated);
  }

  @Test
  void aCallerThatGivesUpAfterItWasAnsweredChangesNothing() {
    callerSide.answer();

    teardown.callerGaveUp(call, caller);

    assertEquals(List.of("answer"), callerSide.said);
    assertTrue(lifecycle.terminated.isEmpty());
  }

  @Test
  void aPartyLostUnderAnEstablishedCallEndsItInItsTurn() {
    calleeSide.answer();
    Promise<Void> earlier = Promise.promise();
    call.enqueue(earlier::future);

    teardown.lost(call, callee, "no ACK");
    assertTrue(lifecycle.terminated.isEmpty());
    earlier.complete();

    assertEquals(List.of("no ACK"), lifecycle.terminated);
    assertEquals(List.of("hangup"), callerSide.said);
  }

  @Test
  void aPartyLostWhileStillBeingSetUpIsLeftToItsSetUp() {
    teardown.lost(call, callee, "dialog terminated");

    assertTrue(lifecycle.terminated.isEmpty());
    assertTrue(callerSide.said.isEmpty());
  }
}
