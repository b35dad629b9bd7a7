package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.CallState;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.control.FakeAttachments;
import io.voicegateway.control.FakeDialer;
import io.voicegateway.control.FakeDialer.Named;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.FakeScheduler;
import io.voicegateway.control.Leg;
import io.voicegateway.control.TestLegs;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.Status;
import io.voicegateway.control.route.RouteTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A blind transfer's success and failure as the transferor and the call see them; no SIP, no sleep. */
class BlindTransferTest {
  private final FakeDialer dialer = new FakeDialer();
  private final FakeScheduler scheduler = new FakeScheduler();
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final CallRegistry calls = new CallRegistry();
  private final List<String> removed = new ArrayList<>();
  private final FakeAttachments attachments = new FakeAttachments();
  private final List<String> apps = attachments.apps;
  private final Transfers transfers = new Transfers(lifecycle, (call, leg, reason) -> {
    removed.add(reason);
    calls.removeLeg(call, leg);
  });
  private final Policies services = new Policies(dialer, scheduler, transfers,
      new Teardown(lifecycle), new AttachTarget(calls, attachments, new AudioFeed(attachments, lifecycle)));
  private final Call call = new Call(CallDirection.INBOUND, "sip:+49301@trunk", "sip:100@gw", "cid", Map.of(), 0);
  private final FakeEndpoint transfereeSide = new FakeEndpoint();
  private final FakeEndpoint transferorSide = new FakeEndpoint();
  private final Leg transferee = leg(transfereeSide);
  private final Leg transferor = leg(transferorSide);
  private final RecordingProgress progress = new RecordingProgress();
  private final List<String> notified = progress.notified;

  private Leg leg(FakeEndpoint endpoint) {
    return TestLegs.connected(calls, call, endpoint);
  }

  BlindTransferTest() {
    calls.add(call);
    call.moveTo(CallState.CONNECTED, 0);
  }

  private void transferTo(String... devices) {
    RouteTarget route = new RouteTarget(RouteTarget.Kind.DEVICES, null, List.of(devices), "200",
        Duration.ofSeconds(30), null);
    new BlindTransfer(services, call, transferor, progress, "sip:200@gw")
        .start(route, List.of(devices).stream().map(Named::new).toList(), "+49301", Map.of("Referred-By", "bob"));
  }

  @Test
  void theTargetAnswersTheTransferorLeavesAndTheCallGoesOn() {
    transferTo("carol");
    assertTrue(transferor.transferredAway(), "its BYE from now on ends only its leg");
    assertEquals("+49301", dialer.dial("carol").caller, "the target sees the transferee calling");
    dialer.dial("carol").ringing();

    dialer.dial("carol").answer();

    assertEquals(List.of("180", "200 final"), notified);
    assertEquals(List.of("hangup"), transferorSide.said);
    assertFalse(call.legs().contains(transferor));
    assertTrue(call.legs().contains(transferee));
    assertTrue(dialer.dial("carol").joined);
    assertEquals(CallState.TRANSFERRED, call.state());
    assertTrue(transfereeSide.said.isEmpty(), "the transferee is not disturbed");
  }

  @Test
  void aBusyTargetLeavesTheCallAsItWas() {
    transferTo("carol");

    dialer.dial("carol").fail(Status.BUSY_HERE);

    assertEquals(List.of("486 final"), notified);
    assertFalse(transferor.transferredAway());
    assertTrue(call.legs().contains(transferor));
    assertFalse(call.legs().contains(dialer.dial("carol").leg()), "the failed branch left the call");
    assertEquals(CallState.CONNECTED, call.state());
    assertTrue(transferorSide.said.isEmpty() && transfereeSide.said.isEmpty());
  }

  @Test
  void aFailureAfterTheTransferorLeftEndsTheCall() {
    transferTo("carol");
    transfers.left(call, transferor); // its BYE came while the target rang

    dialer.dial("carol").fail(Status.BUSY_HERE);

    assertEquals(CallState.TERMINATED, call.state());
    assertEquals(List.of("hangup"), transfereeSide.said, "nobody left for the transferee");
  }

  @Test
  void anUnansweredTargetTimesOutWith408() {
    transferTo("carol");

    scheduler.advance(Duration.ofSeconds(30));

    assertEquals(List.of("408 final"), notified);
    assertEquals(CallState.CONNECTED, call.state());
  }

  @Test
  void anAppTargetJoinsAtOnce() {
    new BlindTransfer(services, call, transferor, progress, "sip:echo@gw")
        .start(RouteTarget.app("echo"), List.of(), "+49301", Map.of());

    assertEquals(List.of("echo"), apps);
    assertTrue(call.legs().stream().anyMatch(l -> l.kind() == LegKind.APP));
    assertEquals(List.of("200 final"), notified);
    assertEquals(List.of(CallEventType.CALL_TRANSFERRED), lifecycle.events);
  }
}
