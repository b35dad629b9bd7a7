package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.Recordings;
import io.voicegateway.control.route.RouteTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a call is recorded: its route from the answer, the API's start and stop, and its end. */
class CallRecordingTest {
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final List<String> asked = new ArrayList<>();
  private Promise<String> pendingStart;
  private final CallRecording recording = new CallRecording(new Recordings() {
    @Override
    public Future<String> start(String callId, String callerLegId) {
      asked.add("start " + callerLegId);
      if (pendingStart != null) {
        return pendingStart.future();
      }
      return Future.succeededFuture("/rec/" + callId + ".wav");
    }

    @Override
    public Future<String> pause(String callId) {
      asked.add("pause");
      return Future.succeededFuture("/rec/" + callId + ".wav");
    }

    @Override
    public Future<String> finish(String callId) {
      asked.add("finish");
      return Future.succeededFuture("/rec/" + callId + ".wav");
    }
  }, lifecycle);
  private final Call call = new Call(CallDirection.INBOUND, "sip:a@x", "sip:b@gw", "cid", Map.of(), 0);
  private final Leg caller = Leg.of(LegKind.SIP, CallDirection.INBOUND);

  CallRecordingTest() {
    call.addLeg(caller);
    call.addLeg(Leg.of(LegKind.SIP, CallDirection.OUTBOUND));
  }

  private void routed(boolean record) {
    call.target(new RouteTarget(RouteTarget.Kind.DEVICES, null, List.of("alice"), "100", null, null, record));
  }

  private static int status(Future<?> f) {
    return ((CallFailure) f.cause()).status();
  }

  @Test
  void aRecordedRouteStartsOnceOnAnswerWithTheCallerLeft() {
    routed(true);
    recording.answered(call);
    recording.answered(call); // re-answered after a transfer: the recording already runs

    assertEquals(List.of("start " + caller.id()), asked);
    assertTrue(recording.recording(call.id()));
    assertEquals(List.of(CallEventType.RECORDING_STARTED), lifecycle.events);
  }

  @Test
  void aRouteWithoutRecordRecordsNothing() {
    routed(false);
    recording.answered(call);
    call.target(null);
    recording.answered(call);
    assertTrue(asked.isEmpty());
  }

  @Test
  void aTransferKeepsItRunningAndTheEndFinishesTheFile() {
    routed(true);
    recording.answered(call);
    call.removeLeg(call.legs().get(1)); // the transferee leaves, the transfer target joins
    call.addLeg(Leg.of(LegKind.SIP, CallDirection.OUTBOUND));
    recording.answered(call);
    assertTrue(recording.recording(call.id()));

    List<String> announced = new ArrayList<>();
    assertTrue(recording.ended(call.id(), announced::add).result());
    assertEquals(List.of("start " + caller.id(), "finish"), asked);
    assertEquals(List.of("/rec/" + call.id() + ".wav"), announced);
    assertFalse(recording.recording(call.id()));
    assertFalse(recording.ended(call.id(), announced::add).result(), "finished once");
  }

  @Test
  void theApiStartsAndStopsWithConflictsSaidAs409() {
    routed(false);
    assertEquals(409, status(recording.stop(call)), "not recording");
    assertEquals("/rec/" + call.id() + ".wav", recording.start(call).result());
    assertEquals(409, status(recording.start(call)), "already recording");
    assertTrue(recording.stop(call).succeeded());
    assertEquals(409, status(recording.stop(call)));
    assertTrue(recording.start(call).succeeded(), "a stopped recording goes on");

    assertEquals(List.of(CallEventType.RECORDING_STARTED, CallEventType.RECORDING_STOPPED,
        CallEventType.RECORDING_STARTED), lifecycle.events);
    assertEquals(List.of("start " + caller.id(), "pause", "start " + caller.id()), asked);
  }

  @Test
  void aStoppedRecordingIsFinishedAtTheEndWithoutASecondStopEvent() {
    recording.start(call);
    recording.stop(call);
    List<String> announced = new ArrayList<>();
    assertTrue(recording.ended(call.id(), announced::add).result());
    assertTrue(announced.isEmpty());
    assertEquals(List.of("start " + caller.id(), "pause", "finish"), asked);
  }

  @Test
  void aStopByTheApiIsNotUndoneByTheRouteOnTheNextAnswer() {
    routed(true);
    recording.answered(call);
    recording.stop(call);
    recording.answered(call);
    assertFalse(recording.recording(call.id()));
  }

  @Test
  void aRecordingStartedAsTheCallEndsIsFinishedWithoutEvents() {
    pendingStart = Promise.promise();
    recording.start(call);
    lifecycle.terminate(call, "bye");
    lifecycle.events.clear();
    List<String> announced = new ArrayList<>();
    assertFalse(recording.ended(call.id(), announced::add).result(), "nothing to finish yet");

    pendingStart.complete("/rec/late.wav");

    assertEquals(List.of("start " + caller.id(), "finish"), asked);
    assertTrue(lifecycle.events.isEmpty());
    assertTrue(announced.isEmpty());
    assertEquals(404, status(recording.start(call)), "an ended call cannot be recorded");
  }

  @Test
  void aFailedStartLeavesTheCallNotRecorded() {
    pendingStart = Promise.promise();
    Future<String> start = recording.start(call);
    pendingStart.fail(CallFailure.of(404, "no media"));
    assertEquals(404, status(start));
    assertFalse(recording.recording(call.id()));
    assertTrue(lifecycle.events.isEmpty());
  }
}
