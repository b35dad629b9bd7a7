package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.CallState;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.LegState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * B talks to A (call 1) and to C (call 2), then asks for A to be connected to C replacing its own leg of call 2
 * (a REFER with Replaces): C moves into call 1, both of B's legs go, call 2 ends. No SIP, no sleep.
 */
class AttendedTransferTest {
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final CallRegistry calls = new CallRegistry();
  private final Transfers transfers = new Transfers(lifecycle, (call, leg, reason) -> calls.removeLeg(call, leg));
  /** Moves that the media side has not confirmed yet. */
  private final List<Promise<Void>> moving = new ArrayList<>();
  private final AttendedTransfer transfer = new AttendedTransfer(transfers, new Teardown(lifecycle),
      (from, to, leg) -> {
        calls.removeLeg(from, leg);
        calls.addLeg(to, leg);
        Promise<Void> moved = Promise.promise();
        moving.add(moved);
        return moved.future();
      });
  private final Call call1 = call();
  private final Call call2 = call();
  private final FakeEndpoint aSide = new FakeEndpoint();
  private final FakeEndpoint b1Side = new FakeEndpoint();
  private final FakeEndpoint b2Side = new FakeEndpoint();
  private final FakeEndpoint cSide = new FakeEndpoint();
  private final Leg a = leg(call1, aSide);
  private final Leg b1 = leg(call1, b1Side);
  private final Leg b2 = leg(call2, b2Side);
  private final Leg c = leg(call2, cSide);
  private final RecordingProgress progress = new RecordingProgress();
  private final List<String> notified = progress.notified;

  private Call call() {
    Call call = new Call(CallDirection.INBOUND, "sip:a@x", "sip:b@gw", "cid", Map.of(), 0);
    calls.add(call);
    call.moveTo(CallState.CONNECTED, 0);
    return call;
  }

  private Leg leg(Call call, FakeEndpoint endpoint) {
    Leg leg = Leg.of(LegKind.SIP, CallDirection.INBOUND);
    leg.endpoint(endpoint);
    leg.state(LegState.CONNECTED);
    calls.addLeg(call, leg);
    return leg;
  }

  @Test
  void theOtherPartyMovesOverAndBothOfTheTransferorsLegsGo() {
    transfer.join(call1, b1, call2, b2, progress);

    assertEquals(List.of("200 final"), notified);
    assertEquals(List.of(a, c), call1.legs(), "A and C now share call 1's mix");
    assertEquals(List.of("hangup"), b1Side.said, "B leaves call 1");
    assertTrue(b2.transferredAway(), "B's BYE on call 2 must not end anything else");
    assertEquals(CallState.TRANSFERRED, call1.state());
    assertEquals(CallState.CONNECTED, call2.state(), "call 2 waits for C to leave its mix");

    moving.forEach(Promise::complete);

    assertEquals(CallState.TERMINATED, call2.state());
    assertEquals(List.of("hangup"), b2Side.said, "B's leg of call 2 is hung up with it");
    assertTrue(cSide.said.isEmpty() && aSide.said.isEmpty(), "A and C are not disturbed");
  }

  @Test
  void call2EndsEvenWhenAMoveFails() {
    transfer.join(call1, b1, call2, b2, progress);

    moving.forEach(p -> p.fail("media did not confirm"));

    assertEquals(CallState.TERMINATED, call2.state());
    assertFalse(call2.legs().contains(c));
  }

  @Test
  void anAppOfCall2StaysBehindAndEndsWithIt() {
    Leg echo = Leg.app("echo");
    calls.addLeg(call2, echo);

    transfer.join(call1, b1, call2, b2, progress);

    assertFalse(call1.legs().contains(echo));
    assertTrue(call2.legs().contains(echo));
  }

  @Test
  void aReplacedPartyOfTheVeryCallIsABadRequestAndChangesNothing() {
    transfer.join(call1, b1, call1, a, progress);

    assertEquals(List.of("400 final"), notified);
    assertEquals(List.of(a, b1), call1.legs());
    assertTrue(moving.isEmpty() && aSide.said.isEmpty() && b1Side.said.isEmpty());
    assertFalse(b1.transferredAway() || a.transferredAway());
    assertEquals(CallState.CONNECTED, call1.state());
  }
}
