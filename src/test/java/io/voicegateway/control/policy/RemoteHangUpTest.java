package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.CallDirection;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.Leg;
import io.voicegateway.control.TestLegs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A far side hanging up: a transferor just leaves, anyone else ends the call; no SIP. */
class RemoteHangUpTest {
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final CallRegistry calls = new CallRegistry();
  private final List<String> removed = new ArrayList<>();
  private final RemoteHangUp hangUps = new RemoteHangUp(new Transfers(lifecycle, (call, leg, reason) -> {
    removed.add(reason);
    calls.removeLeg(call, leg);
  }), new Teardown(lifecycle));
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
}
