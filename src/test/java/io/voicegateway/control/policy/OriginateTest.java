package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.CallState;
import io.voicegateway.control.FakeAttachments;
import io.voicegateway.control.FakeDialer;
import io.voicegateway.control.FakeDialer.Named;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.LegKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway as the caller: answered with an app attached, refused with the far side's status, hung up; no SIP. */
class OriginateTest {
  private final FakeDialer dialer = new FakeDialer();
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final CallRegistry calls = new CallRegistry();
  private final FakeAttachments attachments = new FakeAttachments();
  private final List<String> apps = attachments.apps;
  private final Originate originate = new Originate(dialer, calls, lifecycle, new Teardown(lifecycle),
      new AttachTarget(calls, attachments, new AudioFeed(attachments, lifecycle)), () -> 42);

  private Future<String> place(String app) {
    return originate.place(new Originate.Request(new Named("bob"), "sip:gateway@gw", "sip:bob@x", "cid", "gateway",
        Map.of("X-Ticket", "7", "Subject", "hi"), app));
  }

  @Test
  void anAnsweredCallWithAnAppIsConnectedAndTheAppAttached() {
    Future<String> placed = place("echo");
    FakeDialer.FakeDial dial = dialer.dial("bob");
    assertTrue(dial.started);
    dial.ringing();
    dial.answer();

    assertTrue(placed.succeeded());
    Call call = calls.byId(placed.result()).orElseThrow();
    assertTrue(dial.joined);
    assertEquals(List.of("echo"), apps);
    assertTrue(call.legs().stream().anyMatch(l -> l.kind() == LegKind.APP));
    assertEquals(CallState.CONNECTED, call.state());
    assertEquals(Map.of("X-Ticket", "7"), call.xHeaders(), "only X- headers travel in the events");
    assertEquals(CallEventType.CALL_STARTED, lifecycle.events.get(0));
    assertTrue(lifecycle.events.contains(CallEventType.CALL_RINGING));
  }

  @Test
  void aRefusedDialFailsWithTheFarSidesStatusAndEndsTheCall() {
    Future<String> placed = place(null);
    dialer.dial("bob").fail(486);

    assertTrue(placed.failed());
    assertEquals(486, assertInstanceOf(CallFailure.class, placed.cause()).status());
    assertEquals(List.of("outbound 486 test"), lifecycle.terminated);
  }

  @Test
  void noMediaPortFails503() {
    dialer.noMedia.add("bob");
    Future<String> placed = place(null);

    assertEquals(503, ((CallFailure) placed.cause()).status());
    assertEquals(List.of("no media port"), lifecycle.terminated);
  }

  @Test
  void hangingUpARingingCallCancelsItsLeg() {
    Future<String> placed = place(null);
    FakeDialer.FakeDial dial = dialer.dial("bob");
    FakeEndpoint far = new FakeEndpoint();
    dial.leg().endpoint(far);
    Call call = dial.call;

    Future<Void> hungUp = originate.hangUp(call.id(), "api");

    assertTrue(hungUp.succeeded(), "a call being set up is not queued behind its own setup");
    assertEquals(List.of("hangup"), far.said);
    dial.fail(487);
    assertEquals(487, ((CallFailure) placed.cause()).status());
  }

  @Test
  void anUnknownCallCannotBeHungUpOrCancelled() {
    assertEquals(404, ((CallFailure) originate.hangUp("nope", "api").cause()).status());
    assertEquals(481, ((CallFailure) originate.cancel("nope").cause()).status());
  }

  @Test
  void anAnsweredCallCannotBeCancelled() {
    Future<String> placed = place(null);
    FakeDialer.FakeDial dial = dialer.dial("bob");
    FakeEndpoint far = new FakeEndpoint();
    dial.leg().endpoint(far);
    dial.answer();
    far.answer(); // its INVITE is settled

    assertEquals(481, ((CallFailure) originate.cancel(placed.result()).cause()).status());
  }
}
