package io.voicegateway.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.HistoryEntry;
import io.voicegateway.bus.HistoryPage;
import io.voicegateway.bus.HistoryQuery;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A call's row from its start: completed at its end, closed as interrupted after a crash; long values kept. */
class HistoryCrashTest {
  @TempDir
  Path tmp;

  private static HistoryEntry started(String id, String sipCallId, long at) {
    return new HistoryEntry(id, CallDirection.INBOUND, "sip:alice@10.0.0.2", "sip:echo@gw", sipCallId, at, 0, 0, 0,
        null, List.of());
  }

  private static HistoryEntry ended(String id, long startedAt, long answeredAt, long endedAt) {
    return new HistoryEntry(id, CallDirection.INBOUND, "sip:alice@10.0.0.2", "sip:echo@gw", id + "@host", startedAt,
        answeredAt, endedAt, endedAt - answeredAt, "remote BYE", List.of());
  }

  @Test
  void anOpenRowIsNotListedUntilTheCallEndsThenItIsCompletedOnce() throws Exception {
    try (HistoryStore store = HistoryStore.open(tmp)) {
      assertTrue(store.opened(started("a", "a@host", 1_000)));
      assertFalse(store.opened(started("a", "a@host", 1_000)));
      store.answered("a", 2_000);
      assertEquals(0, store.find(HistoryQuery.all()).total(), "a call in progress is not history yet");
      assertTrue(store.add(ended("a", 1_000, 2_000, 9_000)));
      assertFalse(store.add(ended("a", 1_000, 2_000, 9_500)), "a finished call is stored once");
      HistoryPage page = store.find(HistoryQuery.all());
      assertEquals(List.of(ended("a", 1_000, 2_000, 9_000)), page.items());
    }
  }

  @Test
  void rowsACrashLeftOpenAreClosedAsInterruptedAtTheLastHeartbeat() throws Exception {
    try (HistoryStore store = HistoryStore.open(tmp)) {
      store.heartbeat(500);
      store.opened(started("answered", "x@host", 1_000));
      store.answered("answered", 2_000);
      store.opened(started("ringing", "y@host", 3_000));
      store.opened(started("done", "z@host", 1_500));
      store.add(ended("done", 1_500, 1_600, 2_500));
      store.heartbeat(10_000);
    } // the "crash": nothing closes the open rows
    try (HistoryStore store = HistoryStore.open(tmp)) {
      assertEquals(2, store.closeInterrupted());
      assertEquals(0, store.closeInterrupted(), "closed once");
      List<HistoryEntry> items = store.find(HistoryQuery.all()).items();
      HistoryEntry ringing = items.stream().filter(e -> e.id().equals("ringing")).findFirst().orElseThrow();
      HistoryEntry answered = items.stream().filter(e -> e.id().equals("answered")).findFirst().orElseThrow();
      assertEquals(HistoryStore.INTERRUPTED, ringing.cause());
      assertEquals(10_000, ringing.endedAt());
      assertEquals(0, ringing.durationMs());
      assertEquals(HistoryStore.INTERRUPTED, answered.cause());
      assertEquals(2_000, answered.answeredAt());
      assertEquals(8_000, answered.durationMs(), "answered to the last heartbeat");
      assertEquals("remote BYE", items.stream().filter(e -> e.id().equals("done")).findFirst().orElseThrow()
          .cause());
    }
  }

  @Test
  void withoutAHeartbeatAnInterruptedCallEndsWhenItStarted() throws Exception {
    try (HistoryStore store = HistoryStore.open(tmp)) {
      store.opened(started("a", "a@host", 7_000));
      assertEquals(1, store.closeInterrupted());
      HistoryEntry a = store.find(HistoryQuery.all()).items().get(0);
      assertEquals(7_000, a.endedAt());
    }
  }

  @Test
  void aCallIdLongerThanItsColumnStillReachesTheHistoryShortenedWithAHash() throws Exception {
    String longId = "x".repeat(600) + "@attacker.example";
    String otherLongId = "x".repeat(600) + "@other.example";
    try (HistoryStore store = HistoryStore.open(tmp)) {
      assertTrue(store.opened(started("long", longId, 1_000)));
      assertTrue(store.add(new HistoryEntry("long", CallDirection.INBOUND, "sip:" + "a".repeat(2000) + "@x",
          "sip:echo@gw", longId, 1_000, 0, 2_000, 0, "c".repeat(700), List.of())));
      assertTrue(store.add(new HistoryEntry("other", CallDirection.INBOUND, "sip:b@x", "sip:echo@gw", otherLongId,
          1_500, 0, 2_000, 0, "cancelled", List.of())));
      List<HistoryEntry> items = store.find(HistoryQuery.all()).items();
      HistoryEntry stored = items.stream().filter(e -> e.id().equals("long")).findFirst().orElseThrow();
      assertEquals(512, stored.sipCallId().length());
      assertTrue(stored.sipCallId().startsWith("xxxx"), stored.sipCallId());
      assertTrue(stored.sipCallId().matches("x{495}~[0-9a-f]{16}"), stored.sipCallId());
      assertEquals(1024, stored.from().length());
      assertEquals(512, stored.cause().length());
      HistoryEntry other = items.stream().filter(e -> e.id().equals("other")).findFirst().orElseThrow();
      assertNotEquals(stored.sipCallId(), other.sipCallId(), "same start, different hash");
    }
  }

  @Test
  void aValueThatFitsIsKeptAsItIs() {
    assertEquals("abc@host", StoredText.fit("abc@host", 512));
    assertEquals(null, StoredText.fit(null, 512));
    String exactly = "y".repeat(512);
    assertEquals(exactly, StoredText.fit(exactly, 512));
  }
}
