package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.CallState;
import io.voicegateway.control.FakeAttachments;
import io.voicegateway.control.FakeDialer;
import io.voicegateway.control.FakeDialer.FakeDial;
import io.voicegateway.control.FakeDialer.Named;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.FakeScheduler;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegRemoval;
import io.voicegateway.control.LegState;
import io.voicegateway.control.TestLegs;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.control.route.Router;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Three-way calling decided in control: the API's added party rings, joins the mix on answer and the call says so;
 * a refusal leaves the call as it was; a number gets the rights of the call's own device party, never more; a
 * party dropped from three leaves two talking, from two ends the call. Fake dialer and scheduler, no SIP.
 */
class AddPartyTest {
  private static final Router ROUTER = Router.from(ConfigLoader.parse("""
      providers:
        - {id: carrier1, host: 203.0.113.5}
      devices:
        - {id: alice, password: a, extension: "101"}
        - {id: bob, password: b, extension: "102"}
        - {id: carol, password: c, extension: "103"}
      routes:
        - {direction: outbound, match: '0*', provider: carrier1, strip: 1, prepend: "+49"}
        - {direction: inbound, match: echo, app: echo, from: any}
      """, Map.of()));

  private final FakeDialer dialer = new FakeDialer();
  private final FakeScheduler scheduler = new FakeScheduler();
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final CallRegistry calls = new CallRegistry();
  private final LegRemoval removal = (call, leg, reason) -> calls.removeLeg(call, leg);
  private final Teardown teardown = new Teardown(lifecycle);
  private final Policies policies = new Policies(dialer, scheduler, new Transfers(lifecycle, removal), teardown,
      attach());
  private final List<String> registered = List.of("bob", "carol");
  private final AddParty parties = new AddParty(policies, ROUTER, calls, lifecycle,
      target -> target.kind() == RouteTarget.Kind.PROVIDER ? List.of(new Named(target.name() + ":" + target.number()))
          : target.devices().stream().filter(registered::contains).map(Named::new).toList(),
      Set.of("alice", "bob", "carol"));
  private final DropParty drop = new DropParty(calls, lifecycle, removal, teardown);

  private final Call call = new Call(CallDirection.INBOUND, "sip:+4930@trunk", "sip:101@gw", "cid", Map.of(), 0);
  private final FakeEndpoint callerSide = new FakeEndpoint();
  private final FakeEndpoint aliceSide = new FakeEndpoint();
  private final Leg caller;
  private final Leg alice;

  AddPartyTest() {
    calls.add(call);
    caller = TestLegs.connected(calls, call, callerSide);
    alice = TestLegs.connected(calls, call, aliceSide);
    alice.peer("alice");
    call.moveTo(CallState.CONNECTED, 0);
  }

  private AttachTarget attach() {
    FakeAttachments attachments = new FakeAttachments();
    return new AttachTarget(calls, attachments, new AudioFeed(attachments, lifecycle));
  }

  private static int status(Future<?> f) {
    assertTrue(f.failed(), "expected a failure");
    return ((CallFailure) f.cause()).status();
  }

  /** The dial answers: the leg is a connected party from then on, as the SIP dialer makes it. */
  private Leg answer(FakeDial dial) {
    dial.leg().endpoint(new FakeEndpoint());
    dial.leg().state(LegState.CONNECTED);
    dial.answer();
    return dial.leg();
  }

  @Test
  void anAddedDeviceRingsAndJoinsTheMixOnAnswer() {
    Future<String> added = parties.add(call.id(), "carol");

    FakeDial carol = dialer.dial("carol");
    assertTrue(carol.started);
    assertFalse(added.isComplete(), "the API waits for the answer");

    Leg leg = answer(carol);

    assertTrue(carol.joined, "its media joins the call's mix");
    assertEquals(leg.id(), added.result());
    assertEquals(3, call.legs().size());
    assertEquals("carol", leg.peer());
    assertTrue(lifecycle.events.contains(CallEventType.PARTY_JOINED));
    assertEquals("alice", carol.caller, "the added party sees the call's device as calling");
  }

  @Test
  void aRefusalLeavesTheCallAsItWasAndTheApiGetsTheStatus() {
    Future<String> added = parties.add(call.id(), "carol");

    dialer.dial("carol").fail(486);

    assertEquals(486, status(added));
    assertEquals(List.of(caller, alice), call.legs());
    assertTrue(callerSide.said.isEmpty() && aliceSide.said.isEmpty());
    assertTrue(lifecycle.terminated.isEmpty());
  }

  @Test
  void noAnswerInTheRingTimeoutIs408() {
    Future<String> added = parties.add(call.id(), "carol");

    scheduler.advance(AddParty.RING_TIMEOUT);

    assertTrue(dialer.dial("carol").cancelled);
    assertEquals(408, status(added));
    assertEquals(List.of(caller, alice), call.legs());
  }

  @Test
  void theCallEndingWhileThePartyRingsAnswersTheApi() {
    Future<String> added = parties.add(call.id(), "carol");
    teardown.hangUp(call, "bye");
    dialer.dial("carol").cancel();

    scheduler.advance(AddParty.RING_TIMEOUT.plus(Duration.ofSeconds(2)));

    assertEquals(487, status(added));
  }

  @Test
  void aNumberGoesOutThroughTheRouteTheCallsDeviceMayUse() {
    parties.add(call.id(), "0301234");

    FakeDial trunk = dialer.dial("carrier1:+49301234");
    assertEquals("alice", trunk.caller);
  }

  @Test
  void withoutADeviceOnTheCallATrunkNumberIsForbidden() {
    alice.peer("sip:someone@203.0.113.9");

    assertEquals(403, status(parties.add(call.id(), "0301234")));
    assertTrue(dialer.dials.isEmpty(), "nobody rings: the toll-fraud rule holds for the API too");
  }

  @Test
  void badTargetsAreRefusedBeforeAnythingRings() {
    assertEquals(404, status(parties.add("nope", "carol")));
    assertEquals(404, status(parties.add(call.id(), "999")));
    assertEquals(400, status(parties.add(call.id(), "echo")));
    assertEquals(400, status(parties.add(call.id(), " ")));
    registeredNobody();
    assertTrue(dialer.dials.isEmpty());
  }

  private void registeredNobody() {
    AddParty none = new AddParty(policies, ROUTER, calls, lifecycle, target -> List.of(), Set.of("carol"));
    assertEquals(480, status(none.add(call.id(), "carol")));
  }

  @Test
  void aCallNotConnectedYetTakesNoParty() {
    Call ringing = new Call(CallDirection.INBOUND, "sip:a@x", "sip:b@gw", "cid2", Map.of(), 0);
    calls.add(ringing);

    assertEquals(481, status(parties.add(ringing.id(), "carol")));
  }

  @Test
  void droppingOneOfThreeLeavesTwoTalking() {
    parties.add(call.id(), "carol");
    Leg carol = answer(dialer.dial("carol"));

    drop.drop(call.id(), alice.id());

    assertEquals(List.of("hangup"), aliceSide.said);
    assertEquals(List.of(caller, carol), call.legs());
    assertEquals(LegState.ENDED, alice.state());
    assertTrue(lifecycle.terminated.isEmpty());
    assertTrue(lifecycle.events.contains(CallEventType.PARTY_LEFT));
  }

  @Test
  void droppingOneOfTwoEndsTheCall() {
    drop.drop(call.id(), alice.id());

    assertEquals(List.of("hangup"), aliceSide.said);
    assertEquals(List.of("hangup"), callerSide.said);
    assertEquals(1, lifecycle.terminated.size());
  }

  @Test
  void droppingAnUnknownOrUnconnectedLegIsRefused() {
    assertEquals(404, status(drop.drop("nope", alice.id())));
    assertEquals(404, status(drop.drop(call.id(), "nope")));
    parties.add(call.id(), "carol"); // still ringing
    assertEquals(481, status(drop.drop(call.id(), dialer.dial("carol").leg().id())));
  }
}
