package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.CallState;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.Leg;
import io.voicegateway.control.TestLegs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A newcomer taking a party's place (SIP: INVITE with Replaces), decided by {@link Transfers}: the replaced party
 * goes and the call says TRANSFERRED only once the newcomer is answered; refused, the replaced party stays.
 */
class ReplacesTest {
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final CallRegistry calls = new CallRegistry();
  private final Transfers transfers = new Transfers(lifecycle, (call, leg, reason) -> calls.removeLeg(call, leg));
  private final Call call = new Call(CallDirection.INBOUND, "sip:a@x", "sip:101@gw", "cid", Map.of(), 0);
  private final FakeEndpoint replacedSide = new FakeEndpoint();
  private final FakeEndpoint newcomerSide = new FakeEndpoint();
  private final Leg replaced;
  private final Leg newcomer;

  ReplacesTest() {
    calls.add(call);
    call.moveTo(CallState.CONNECTED, 0);
    TestLegs.connected(calls, call, new FakeEndpoint());
    replaced = TestLegs.connected(calls, call, replacedSide);
    newcomer = TestLegs.connected(calls, call, newcomerSide);
  }

  @Test
  void whileReplacingTheReplacedPartyOnlyLeavesWhenItHangsUp() {
    transfers.replacing(replaced);

    assertTrue(replaced.transferredAway());
  }

  @Test
  void anAnsweredNewcomerHangsUpTheReplacedPartyAndTheCallIsTransferred() {
    transfers.replacing(replaced);
    newcomerSide.answer();

    transfers.replaced(call, newcomer, replaced, "replaced x");

    assertEquals(List.of("hangup"), replacedSide.said);
    assertFalse(call.legs().contains(replaced));
    assertEquals(CallState.TRANSFERRED, call.state());
    assertEquals(List.of(CallEventType.CALL_TRANSFERRED), lifecycle.events.stream()
        .filter(e -> e == CallEventType.CALL_TRANSFERRED).toList());
  }

  @Test
  void aReplacedPartyAlreadyGoneIsNotHungUpButTheTransferIsAnnounced() {
    newcomerSide.answer();
    calls.removeLeg(call, replaced);

    transfers.replaced(call, newcomer, replaced, "replaced x");

    assertTrue(replacedSide.said.isEmpty());
    assertEquals(CallState.TRANSFERRED, call.state());
  }

  @Test
  void aNewcomerNotAnsweredOrGoneChangesNothing() {
    transfers.replaced(call, newcomer, replaced, "replaced x"); // still pending
    newcomerSide.answer();
    calls.removeLeg(call, newcomer);
    transfers.replaced(call, newcomer, replaced, "replaced x"); // answered, but gone

    assertTrue(replacedSide.said.isEmpty());
    assertTrue(call.legs().contains(replaced));
    assertEquals(CallState.CONNECTED, call.state());
  }

  @Test
  void aRefusedNewcomerLeavesTheReplacedPartyAsItWas() {
    transfers.replacing(replaced);

    transfers.notReplaced(replaced);

    assertFalse(replaced.transferredAway());
  }
}
