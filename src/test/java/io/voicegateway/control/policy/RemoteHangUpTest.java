package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegRemoval;
import io.voicegateway.control.TestLegs;
import io.voicegateway.control.route.RouteTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A far side hanging up: a transferor just leaves, so does a party of a call with two others left; anyone else ends
 * the call; no SIP.
 */
class RemoteHangUpTest {
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final CallRegistry calls = new CallRegistry();
  private final List<String> removed = new ArrayList<>();
  private final LegRemoval removal = (call, leg, reason) -> {
    removed.add(reason);
    calls.removeLeg(call, leg);
  };
  private final RemoteHangUp hangUps = new RemoteHangUp(new Transfers(lifecycle, removal), new Teardown(lifecycle),
      new DropParty(calls, lifecycle, removal, new Teardown(lifecycle)));
  private final Call call = new Call(CallDirection.INBOUND, "sip:a@x", "sip:b@gw", "cid", Map.of(), 0);
  private final FakeEndpoint aliceSide = new FakeEndpoint();
  private final FakeEndpoint bobSide = new FakeEndpoint();
  private final Leg alice = leg(aliceSide);
  private final Leg bob = leg(bobSide);

  private Leg leg(FakeEndpoint endpoint) {
    return TestLegs.connected(calls, call, endpoint);
  }

  RemoteHangUpTest() {
    calls.add(call);
  }

  @Test
  void aPartyHangingUpEndsTheCallAndTheOtherIsHungUp() {
    hangUps.hungUp(call, alice, "remote BYE");

    assertEquals(List.of("hangup"), bobSide.said);
    assertTrue(aliceSide.said.isEmpty(), "the party that hung up gets no hang-up of its own");
    assertEquals(List.of("remote BYE"), lifecycle.terminated);
  }

  @Test
  void aTransferorHangingUpLeavesTheCallGoingOn() {
    alice.transferredAway(true);

    hangUps.hungUp(call, alice, "remote BYE");

    assertEquals(List.of("transferred"), removed);
    assertFalse(call.legs().contains(alice));
    assertTrue(bobSide.said.isEmpty());
    assertTrue(lifecycle.terminated.isEmpty());
  }

  @Test
  void aPartyAlreadyGoneByItsTurnEndsTheRestOfTheCall() {
    calls.removeLeg(call, alice);

    hangUps.hungUp(call, alice, "remote BYE");

    assertEquals(List.of("hangup"), bobSide.said);
    assertEquals(List.of("remote BYE"), lifecycle.terminated);
  }

  @Test
  void oneOfThreePartiesHangingUpLeavesTheOtherTwoConnected() {
    FakeEndpoint carolSide = new FakeEndpoint();
    Leg carol = leg(carolSide);

    hangUps.hungUp(call, carol, "remote BYE");

    assertEquals(List.of(alice, bob), call.legs());
    assertEquals(List.of("remote BYE"), removed);
    assertTrue(aliceSide.said.isEmpty() && bobSide.said.isEmpty() && carolSide.said.isEmpty());
    assertTrue(lifecycle.terminated.isEmpty());
    assertEquals(List.of(CallEventType.PARTY_LEFT), lifecycle.events);

    hangUps.hungUp(call, bob, "remote BYE"); // down to two: the last hang-up ends the call as before

    assertEquals(List.of("hangup"), aliceSide.said);
    assertEquals(List.of("remote BYE"), lifecycle.terminated);
  }

  @Test
  void aRecorderRidingOnABridgedCallIsNoPartyThatKeepsItAlive() {
    calls.addLeg(call, Leg.app("record"));

    hangUps.hungUp(call, alice, "remote BYE");

    assertEquals(List.of("hangup"), bobSide.said);
    assertEquals(List.of("remote BYE"), lifecycle.terminated);
  }

  @Test
  void onACallRoutedToAnAppTheAppCountsAsAParty() {
    call.target(RouteTarget.app("conference sales"));
    calls.addLeg(call, Leg.app("conference"));

    hangUps.hungUp(call, alice, "remote BYE");

    assertTrue(lifecycle.terminated.isEmpty(), "bob goes on talking to the app");
    assertFalse(call.legs().contains(alice));
  }
}
