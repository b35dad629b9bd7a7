package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Destination;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.control.FakeDialer;
import io.voicegateway.control.FakeDialer.Named;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.FakeScheduler;
import io.voicegateway.control.Status;
import io.voicegateway.control.route.RouteTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A caller bridged to devices: progress relayed once, early media, answer, on_no_answer; no SIP, no sleep. */
class BridgeTest {
  private final FakeDialer dialer = new FakeDialer();
  private final FakeScheduler scheduler = new FakeScheduler();
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final List<CallEventType> events = lifecycle.events;
  private final Bridge bridge = new Bridge(dialer, scheduler, BridgeTest::destinations, lifecycle);
  private final Call call = new Call(CallDirection.INBOUND, "sip:a@x", "sip:100@gw", "cid", Map.of(), 0);
  private final FakeEndpoint caller = new FakeEndpoint();

  /** Each device id is one destination. */
  private static List<? extends Destination> destinations(RouteTarget target) {
    return target.devices().stream().map(Named::new).toList();
  }

  private static RouteTarget devices(RouteTarget onNoAnswer, String... ids) {
    return new RouteTarget(RouteTarget.Kind.DEVICES, null, List.of(ids), "100", Duration.ofSeconds(20), onNoAnswer);
  }

  private Future<Void> ring(RouteTarget target, boolean takesEarlyMedia) {
    return bridge.ring(call, new Bridge.Caller(caller, "alice", Map.of(), takesEarlyMedia), target);
  }

  @Test
  void theCallerIsAnsweredWhenABranchAnswersAndHearsRingingOnce() {
    Future<Void> settled = ring(devices(null, "bob", "carol"), true);
    dialer.dial("bob").ringing();
    dialer.dial("carol").ringing();

    dialer.dial("carol").answer();

    assertEquals(List.of("180", "answer"), caller.said);
    assertEquals(List.of(CallEventType.CALL_RINGING), events);
    assertTrue(dialer.dial("bob").cancelled);
    assertTrue(settled.succeeded());
  }

  @Test
  void earlyMediaReachesTheCallerOnceAfterABare183() {
    ring(devices(null, "trunk"), true);
    dialer.dial("trunk").ringing();
    dialer.dial("trunk").earlyMedia();
    dialer.dial("trunk").earlyMedia();

    dialer.dial("trunk").answer();

    assertEquals(List.of("180", "early", "answer"), caller.said);
  }

  @Test
  void aLateOfferCallerGetsNoEarlyMedia() {
    ring(devices(null, "trunk"), false);

    dialer.dial("trunk").earlyMedia();

    assertEquals(List.of("183"), caller.said);
    assertFalse(dialer.dial("trunk").earlyMediaTaken);
  }

  @Test
  void allBusyRejectsTheCallerWith486() {
    Future<Void> settled = ring(devices(null, "bob", "carol"), true);

    dialer.dial("bob").fail(Status.BUSY_HERE);
    dialer.dial("carol").fail(Status.BUSY_HERE);

    assertEquals(1, caller.said.size());
    assertTrue(caller.said.get(0).startsWith("486 "), caller.said.toString());
    assertTrue(settled.succeeded());
  }

  @Test
  void ringTimeoutWithoutFallbackGives480() {
    ring(devices(null, "bob"), true);

    scheduler.advance(Duration.ofSeconds(20));

    assertEquals(List.of("480 no answer"), caller.said);
    assertTrue(dialer.dial("bob").cancelled);
  }

  @Test
  void ringTimeoutGoesToOnNoAnswerApp() {
    ring(devices(RouteTarget.app("voicemail-app"), "bob"), true);

    scheduler.advance(Duration.ofSeconds(20));

    assertEquals(List.of("answer"), caller.said);
    assertEquals("voicemail-app", call.target().name(), "the app attached on answer is the fallback");
  }

  @Test
  void ringTimeoutGoesToOnNoAnswerDevices() {
    RouteTarget fallback = new RouteTarget(RouteTarget.Kind.DEVICES, null, List.of("reception"), "100",
        Duration.ofSeconds(30), null);
    ring(devices(fallback, "bob"), true);

    scheduler.advance(Duration.ofSeconds(20));
    dialer.dial("reception").answer();

    assertEquals(List.of("answer"), caller.said);
    assertTrue(dialer.dial("bob").cancelled);
    assertTrue(dialer.dial("reception").joined);
  }

  @Test
  void aCallerWhoHungUpWhileRingingIsNotAnswered() {
    ring(devices(null, "bob"), true);
    caller.gone();
    call.moveTo(CallState.TERMINATED, 1);

    dialer.dial("bob").answer();

    assertTrue(caller.said.isEmpty());
    assertTrue(dialer.dial("bob").cancelled);
  }
}
