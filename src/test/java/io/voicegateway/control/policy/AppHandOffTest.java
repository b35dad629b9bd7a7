package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.voicegateway.bus.CallCommands.HandOff;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.CallState;
import io.voicegateway.control.FakeAttachments;
import io.voicegateway.control.FakeDialer;
import io.voicegateway.control.FakeDialer.Named;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.FakeScheduler;
import io.voicegateway.control.Leg;
import io.voicegateway.control.Status;
import io.voicegateway.control.TestLegs;
import io.voicegateway.control.route.CallSource;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.control.route.Router;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The IVR hands its call to a phone, a number or a stream inside the call; no SIP, no sleep. */
class AppHandOffTest {
  private static final Router ROUTER = Router.from(ConfigLoader.parse("""
      providers:
        - {id: carrier1, host: 203.0.113.5}
      devices:
        - {id: alice, password: a, extension: "101"}
        - {id: bob, password: b, extension: "102"}
      routes:
        - {direction: outbound, match: '0*', provider: carrier1, strip: 1, prepend: "+49"}
        - {direction: inbound, match: '500', app: echo, from: any}
      """, Map.of()));

  private final FakeDialer dialer = new FakeDialer();
  private final FakeScheduler scheduler = new FakeScheduler();
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final CallRegistry calls = new CallRegistry();
  private final FakeAttachments attachments = new FakeAttachments();
  private final AudioFeed feed = new AudioFeed(attachments, lifecycle);
  private final Policies policies = new Policies(dialer, scheduler,
      new Transfers(lifecycle, (call, leg, reason) -> calls.removeLeg(call, leg)), new Teardown(lifecycle),
      new AttachTarget(calls, attachments, feed));
  /** Every device is registered but carol; a provider target is its id. */
  private final AppHandOff handOff = new AppHandOff(policies, calls, ROUTER, AppHandOffTest::destinations, feed);
  private final Call call = new Call(CallDirection.INBOUND, "sip:+4930777@trunk", "sip:100@gw", "cid",
      Map.of("X-Case", "7"), 0);
  private final Leg caller = TestLegs.connected(calls, call, new FakeEndpoint());
  private final Leg app = Leg.app("ivr");

  AppHandOffTest() {
    calls.add(call);
    calls.addLeg(call, app);
    call.moveTo(CallState.CONNECTED, 0);
    call.source(CallSource.trunk("carrier1"));
  }

  private static List<Named> destinations(RouteTarget target) {
    if (target.kind() == RouteTarget.Kind.PROVIDER) {
      return List.of(new Named(target.name() + ":" + target.number()));
    }
    return target.devices().stream().filter(d -> !d.equals("carol")).map(Named::new).toList();
  }

  @Test
  void theFirstPhoneToAnswerTakesThePlaceOfTheApp() {
    Future<Integer> status = handOff.handOff(HandOff.ring(call.id(), List.of("alice", "bob"), 20_000));
    assertEquals(2, dialer.dials.size(), "both ring at once");
    assertEquals("+4930777", dialer.dial("alice").caller, "the phone sees the caller's number");
    assertTrue(call.legs().contains(app), "the caller stays with the IVR while they ring");

    dialer.dial("bob").answer();

    assertEquals(Status.OK, status.result());
    assertTrue(dialer.dial("bob").joined);
    assertTrue(dialer.dial("alice").cancelled);
    assertFalse(call.legs().contains(app), "the app left the call");
    assertTrue(call.legs().contains(caller));
    assertEquals(CallState.TRANSFERRED, call.state());
    assertTrue(lifecycle.events.contains(CallEventType.CALL_TRANSFERRED));
  }

  @Test
  void busyLeavesTheCallWithTheAppWhichLearnsTheStatus() {
    Future<Integer> status = handOff.handOff(HandOff.ring(call.id(), List.of("alice"), 20_000));
    dialer.dial("alice").fail(Status.BUSY_HERE);

    assertEquals(Status.BUSY_HERE, status.result());
    assertTrue(call.legs().contains(app));
    assertEquals(CallState.CONNECTED, call.state());
  }

  @Test
  void noAnswerWithinTheRingTimeoutIs408() {
    Future<Integer> status = handOff.handOff(HandOff.ring(call.id(), List.of("alice"), 20_000));
    scheduler.advance(Duration.ofSeconds(19));
    assertFalse(status.isComplete());

    scheduler.advance(Duration.ofSeconds(1));

    assertEquals(Status.REQUEST_TIMEOUT, status.result());
    assertTrue(dialer.dial("alice").cancelled);
    assertTrue(call.legs().contains(app));
  }

  @Test
  void theCallerHangingUpWhileItRingsStillGetsTheAppAnAnswer() {
    Future<Integer> status = handOff.handOff(HandOff.ring(call.id(), List.of("alice"), 20_000));
    lifecycle.terminate(call, "remote BYE");
    dialer.dial("alice").fail(Status.REQUEST_TERMINATED); // the teardown's cancel
    scheduler.advance(Duration.ofSeconds(21));
    assertEquals(Status.REQUEST_TERMINATED, status.result());
    assertEquals(0, scheduler.pending(), "no timer left behind");
  }

  @Test
  void nobodyRegisteredIs480() {
    assertEquals(Status.TEMPORARILY_UNAVAILABLE, handOff.handOff(HandOff.ring(call.id(), List.of("carol"), 1)).result());
    assertTrue(dialer.dials.isEmpty());
  }

  @Test
  void aFixedNumberGoesThroughItsProvider() {
    Future<Integer> status = handOff.handOff(HandOff.number(call.id(), "+4930123", "carrier1", 60_000));
    dialer.dial("carrier1:+4930123").answer();
    assertEquals(Status.OK, status.result());
    assertFalse(call.legs().contains(app));
  }

  @Test
  void aTrunkCallerTypingAnOutsideNumberNeverReachesAProvider() {
    assertEquals(Status.FORBIDDEN, handOff.handOff(HandOff.route(call.id(), "0301234", 30_000)).result());
    assertTrue(dialer.dials.isEmpty(), "toll fraud: the outbound route serves devices only");
    assertTrue(call.legs().contains(app));
  }

  @Test
  void aDeviceCallerTypingAnOutsideNumberIsRoutedAsItWouldDial() {
    call.source(CallSource.device("alice"));
    Future<Integer> status = handOff.handOff(HandOff.route(call.id(), "0301234", 30_000));
    dialer.dial("carrier1:+49301234").answer();
    assertEquals(Status.OK, status.result());
  }

  @Test
  void typedDigitsNoRouteServesAre404AndAnAppIsNoPerson() {
    assertEquals(Status.NOT_FOUND, handOff.handOff(HandOff.route(call.id(), "999", 30_000)).result());
    assertEquals(Status.NOT_FOUND, handOff.handOff(HandOff.route(call.id(), "500", 30_000)).result());
    assertTrue(dialer.dials.isEmpty());
  }

  @Test
  void aStreamTakesOverAtOnce() {
    assertEquals(Status.OK, handOff.handOff(HandOff.stream(call.id(), "asr")).result());
    assertFalse(call.legs().contains(app));
    assertTrue(lifecycle.events.contains(CallEventType.AUDIO_STARTED));
  }

  @Test
  void anUnknownCallOrOneWithoutItsAppIs481() {
    assertEquals(Status.CALL_DOES_NOT_EXIST, handOff.handOff(HandOff.ring("nope", List.of("alice"), 1)).result());
    calls.removeLeg(call, app);
    assertEquals(Status.CALL_DOES_NOT_EXIST, handOff.handOff(HandOff.ring(call.id(), List.of("alice"), 1)).result());
  }

  @Test
  void theCallerOfASipUri() {
    assertEquals("+4930", AppHandOff.userOf("\"Bob\" <sip:+4930@trunk;user=phone>"));
    assertEquals(null, AppHandOff.userOf("sip:trunk.example"));
  }
}
