package io.voicegateway.sip.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.bus.CallDirection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SipTraceServiceTest {
  private final SipTraceStore store = SipTraceStore.defaults();
  /** Live call id → the SIP Call-IDs of its legs, as the SIP side answers it. */
  private final Map<String, List<String>> live = new HashMap<>();
  private final SipTraceService service = new SipTraceService(store, id -> Optional.ofNullable(live.get(id)), 2);

  private void message(String sipCallId, long time, String firstLine) {
    store.add(new SipTraceEntry(time, "in", "a", "b", firstLine, sipCallId, firstLine));
  }

  private static List<String> lines(List<SipTraceEntry> ladder) {
    return ladder.stream().map(SipTraceEntry::firstLine).toList();
  }

  @Test
  void aLiveCallMergesTheMessagesOfAllItsLegsInTimeOrder() {
    Call call = new Call(CallDirection.INBOUND, "alice", "bob", "leg-a", Map.of(), 0);
    live.put(call.id(), List.of("leg-a", "leg-b"));
    message("leg-a", 1, "INVITE a");
    message("leg-b", 2, "INVITE b");
    message("leg-b", 3, "200 b");
    message("leg-a", 4, "200 a");
    message("other", 2, "OPTIONS");

    assertEquals(List.of("INVITE a", "INVITE b", "200 b", "200 a"), lines(service.ladder(call.id())));
    assertEquals(List.of("INVITE b", "200 b"), lines(service.ladder("leg-b")), "a SIP Call-ID works too");
  }

  @Test
  void anEndedCallIsFoundThroughTheIdsItsEventsCarried() {
    Call call = new Call(CallDirection.INBOUND, "alice", "echo", "leg-a", Map.of(), 0);
    live.put(call.id(), List.of("leg-a", "leg-b"));
    service.remember(call.event(CallEventType.CALL_CONNECTED, null, 1));
    live.remove(call.id());
    message("leg-a", 1, "BYE a");
    message("leg-b", 2, "BYE b");

    assertEquals(List.of("BYE a", "BYE b"), lines(service.ladder(call.id())));
  }

  @Test
  void theAliasTableIsBounded() {
    for (int i = 0; i < 3; i++) {
      Call call = new Call(CallDirection.INBOUND, "a", "b", "sip-" + i, Map.of(), 0);
      service.remember(call.event(CallEventType.CALL_STARTED, null, 1));
      message("sip-" + i, i, "INVITE " + i);
      if (i == 0) {
        assertEquals(1, service.ladder(call.id()).size());
      }
    }
    // The first call's alias was evicted (bound 2): its id now only matches itself as a SIP Call-ID.
    assertEquals(List.of("INVITE 0"), lines(service.ladder("sip-0")));
  }
}
