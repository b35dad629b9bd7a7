package io.voicegateway.control;

import io.voicegateway.bus.CallDirection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.bus.CallEventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallTest {
  private final Call call = new Call(CallDirection.INBOUND, "sip:a@x", "sip:echo@y", "cid", Map.of("X-A", "1"), 1000);

  @Test
  void operationsRunOneAtATimeInOrder() {
    List<String> log = new ArrayList<>();
    Promise<String> first = Promise.promise();
    Future<String> a = call.enqueue(() -> {
      log.add("a starts");
      return first.future();
    });
    Future<String> b = call.enqueue(() -> {
      log.add("b starts");
      return Future.succeededFuture("b");
    });

    assertEquals(List.of("a starts"), log, "b waits for a");
    first.complete("a");
    assertEquals(List.of("a starts", "b starts"), log);
    assertEquals("a", a.result());
    assertEquals("b", b.result());
  }

  @Test
  void aFailedOrThrowingOperationDoesNotBlockTheNext() {
    Future<Object> failed = call.enqueue(() -> Future.failedFuture("boom"));
    Future<Object> thrown = call.enqueue(() -> {
      throw new IllegalStateException("bug");
    });
    Future<String> next = call.enqueue(() -> Future.succeededFuture("ran"));

    assertTrue(failed.failed());
    assertTrue(thrown.failed());
    assertEquals("ran", next.result());
  }

  @Test
  void stateMovesPublishTheirEventsAndIllegalOnesAreRefused() {
    assertEquals(Optional.of(CallEventType.CALL_RINGING), call.ringing());
    assertEquals(Optional.empty(), call.ringing(), "rings once");
    assertEquals(Optional.of(CallEventType.CALL_CONNECTED), call.moveTo(CallState.CONNECTED, 2000));
    assertEquals(Optional.empty(), call.moveTo(CallState.RESUMED, 2500), "resume without hold");
    assertEquals(Optional.of(CallEventType.CALL_ON_HOLD), call.moveTo(CallState.ON_HOLD, 3000));
    assertEquals(Optional.of(CallEventType.CALL_TERMINATED), call.moveTo(CallState.TERMINATED, 5000));
    assertEquals(Optional.empty(), call.moveTo(CallState.TERMINATED, 6000), "ends once");
    assertEquals(Duration.ofSeconds(4), call.connectedDuration(6000));
  }

  @Test
  void eventsCarryTheCallIdentityAndXHeaders() {
    var event = call.event(CallEventType.CALL_STARTED, null, 1234);
    assertEquals(call.id(), event.callId());
    assertEquals("cid", event.sipCallId());
    assertEquals(Map.of("X-A", "1"), event.xHeaders());
    assertEquals(1234, event.timestampMs());
  }
}
