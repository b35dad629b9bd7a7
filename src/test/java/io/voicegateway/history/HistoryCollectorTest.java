package io.voicegateway.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.HistoryEntry;
import io.voicegateway.bus.HistoryLeg;
import io.voicegateway.bus.LegKind;
import io.voicegateway.codec.CodecType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryCollectorTest {
  private final HistoryCollector collector = new HistoryCollector();

  private static CallEvent event(CallEventType type, String callId, long at, String reason) {
    return new CallEvent(type, callId, CallDirection.INBOUND, "sip:alice@pbx", "sip:echo@gw", "sip-" + callId,
        Map.of("X-Tenant", "t1"), at, null, 0, reason);
  }

  @Test
  void anAnsweredCallBecomesOneEntryWithItsLegsAndCause() {
    List<HistoryLeg> legs = List.of(new HistoryLeg(LegKind.SIP, "sip:alice@10.0.0.2", CodecType.G722), new HistoryLeg(LegKind.APP, "echo", null));
    assertTrue(collector.onEvent(event(CallEventType.CALL_STARTED, "c1", 1_000, null)).isEmpty());
    collector.legs("c1", legs.subList(0, 1));
    assertTrue(collector.onEvent(event(CallEventType.CALL_CONNECTED, "c1", 1_400, null)).isEmpty());
    collector.legs("c1", legs); // the later snapshot wins
    assertTrue(collector.onEvent(event(CallEventType.CALL_ON_HOLD, "c1", 2_000, null)).isEmpty());
    HistoryEntry e = collector.onEvent(event(CallEventType.CALL_TERMINATED, "c1", 5_400, "remote BYE")).orElseThrow();
    assertEquals(new HistoryEntry("c1", CallDirection.INBOUND, "sip:alice@pbx", "sip:echo@gw", "sip-c1", 1_000, 1_400, 5_400,
        4_000, "remote BYE", legs), e);
    assertEquals(0, collector.openCalls());
    collector.legs("c1", legs); // a late snapshot of an ended call is dropped
    assertEquals(0, collector.openCalls());
  }

  @Test
  void anUnansweredCallHasNoAnswerTimeAndNoDuration() {
    collector.onEvent(event(CallEventType.CALL_STARTED, "c2", 1_000, null));
    collector.onEvent(event(CallEventType.CALL_RINGING, "c2", 1_100, null));
    HistoryEntry e = collector.onEvent(event(CallEventType.CALL_TERMINATED, "c2", 3_000, "cancelled")).orElseThrow();
    assertEquals(0, e.answeredAt());
    assertEquals(0, e.durationMs());
    assertEquals(1_000, e.startedAt());
    assertEquals("cancelled", e.cause());
  }

  @Test
  void anEndWithoutAStartIsStillRecorded() {
    HistoryEntry e = collector.onEvent(event(CallEventType.CALL_TERMINATED, "c3", 9_000, "rtp timeout")).orElseThrow();
    assertEquals(9_000, e.startedAt());
    assertEquals(9_000, e.endedAt());
    assertEquals("rtp timeout", e.cause());
  }

  @Test
  void theIvrPathIsKeptWithTheCall() {
    collector.onEvent(event(CallEventType.CALL_STARTED, "c4", 1_000, null));
    collector.onEvent(event(CallEventType.IVR_STEP, "c4", 1_100, "menu main"));
    collector.onEvent(event(CallEventType.IVR_STEP, "c4", 1_200, "key 2"));
    collector.onEvent(event(CallEventType.IVR_STEP, "c4", 1_300, "ring bob"));
    HistoryEntry e = collector.onEvent(event(CallEventType.CALL_TERMINATED, "c4", 9_000, "remote BYE")).orElseThrow();
    assertEquals(List.of("menu main", "key 2", "ring bob"), e.ivrPath());
  }
}
