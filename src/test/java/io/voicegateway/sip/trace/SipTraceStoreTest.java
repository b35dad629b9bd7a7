package io.voicegateway.sip.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SipTraceStoreTest {

  private static SipTraceEntry msg(String callId, int n) {
    return new SipTraceEntry(n, "in", "a:1", "b:2", "OPTIONS sip:x SIP/2.0", callId, "OPTIONS " + n);
  }

  @Test
  void keepsMessagesPerCallIdInOrder() {
    SipTraceStore store = new SipTraceStore(10, 10, 1_000_000);
    store.add(msg("a", 1));
    store.add(msg("b", 2));
    store.add(msg("a", 3));
    assertEquals(List.of(1L, 3L), store.messages("a").stream().map(SipTraceEntry::timeMs).toList());
    assertEquals(1, store.messages("b").size());
    assertEquals(List.of(), store.messages("unknown"));
    assertEquals(0, store.dropped());
  }

  @Test
  void perCallBoundDropsTheOldestMessages() {
    SipTraceStore store = new SipTraceStore(3, 10, 1_000_000);
    for (int i = 1; i <= 5; i++) {
      store.add(msg("a", i));
    }
    assertEquals(List.of(3L, 4L, 5L), store.messages("a").stream().map(SipTraceEntry::timeMs).toList());
    assertEquals(2, store.dropped());
  }

  @Test
  void callBoundEvictsTheCallLeastRecentlyWritten() {
    SipTraceStore store = new SipTraceStore(10, 2, 1_000_000);
    store.add(msg("a", 1));
    store.add(msg("b", 2));
    store.add(msg("a", 3)); // a is now the most recently written
    store.add(msg("c", 4)); // evicts b, not a
    assertEquals(2, store.messages("a").size());
    assertEquals(List.of(), store.messages("b"));
    assertEquals(1, store.messages("c").size());
    assertEquals(2, store.callCount());
    assertEquals(1, store.dropped());
  }

  @Test
  void characterBoundEvictsWholeOldCallsAndKeepsTheCountExact() {
    SipTraceEntry one = msg("x", 0);
    SipTraceStore store = new SipTraceStore(100, 100, one.size() * 5L);
    for (int i = 0; i < 4; i++) {
      store.add(msg("a", i));
    }
    for (int i = 0; i < 3; i++) {
      store.add(msg("b", i));
    }
    assertEquals(List.of(), store.messages("a"), "the oldest call went whole");
    assertEquals(3, store.messages("b").size());
    assertEquals(one.size() * 3L, store.chars());
    assertEquals(4, store.dropped());
  }

  @Test
  void aGiantMessageIsCutNotStoredWhole() {
    SipTraceStore store = SipTraceStore.defaults();
    String body = "x".repeat(SipTraceStore.MAX_MESSAGE_CHARS * 3);
    store.add(new SipTraceEntry(1, "in", "a", "b", "INVITE sip:x SIP/2.0", "big", body));
    String kept = store.messages("big").get(0).message();
    assertEquals(SipTraceStore.MAX_MESSAGE_CHARS + SipTraceStore.CUT_MARK.length(), kept.length());
    assertTrue(kept.endsWith(SipTraceStore.CUT_MARK));
  }

  @Test
  void aMessageWithoutCallIdIsCountedAndDropped() {
    SipTraceStore store = SipTraceStore.defaults();
    store.add(new SipTraceEntry(1, "in", "a", "b", "garbage", null, "garbage"));
    assertEquals(0, store.callCount());
    assertEquals(1, store.dropped());
  }

  @Test
  void concurrentWritersLoseNothingAndKeepTheBounds() throws Exception {
    int threads = 4;
    int perThread = 2_000;
    SipTraceStore store = new SipTraceStore(50, 20, 10_000_000);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      done.add(pool.submit(() -> {
        go.await();
        for (int i = 0; i < perThread; i++) {
          store.add(msg("call-" + (i % 30), id * perThread + i));
          store.messages("call-" + (i % 7));
        }
        return null;
      }));
    }
    go.countDown();
    for (var f : done) {
      f.get();
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
    assertEquals(20, store.callCount());
    long held = 0;
    long chars = 0;
    for (int c = 0; c < 30; c++) {
      for (SipTraceEntry e : store.messages("call-" + c)) {
        held++;
        chars += e.size();
      }
    }
    assertEquals(threads * perThread, held + store.dropped(), "every message is either held or counted");
    assertEquals(chars, store.chars());
    assertTrue(held <= 20 * 50);
  }

  @Test
  void storedCompactlyEveryFieldComesBackAsRecorded() {
    SipTraceStore store = SipTraceStore.defaults();
    String invite = "INVITE sip:zoë@gw SIP/2.0\r\nFrom: \"Zoë\" <sip:z@x>\r\nCall-ID: c1\r\n\r\n";
    SipTraceEntry sent = new SipTraceEntry(7, "out", "127.0.0.1:5060", "192.0.2.1:5070",
        "INVITE sip:zoë@gw SIP/2.0", "c1", invite);
    SipTraceEntry other = new SipTraceEntry(8, "in", "192.0.2.1:5070", "127.0.0.1:5060", "a line of its own", "c1",
        "SIP/2.0 100 Trying\r\n\r\n");
    store.add(sent);
    store.add(other);
    assertEquals(List.of(sent, other), store.messages("c1"), "non-ASCII text, a first line not the message's own");
    assertEquals(sent.size() + other.size(), store.chars());
  }

  @Test
  void addressesAreSharedButTheirTableIsBounded() {
    StoredMessage.Addresses addresses = new StoredMessage.Addresses();
    String a = addresses.shared(new String("10.0.0.1:5060"));
    assertTrue(a == addresses.shared(new String("10.0.0.1:5060")), "equal addresses share one String");
    for (int i = 0; i < StoredMessage.Addresses.MAX * 2; i++) {
      addresses.shared("192.0.2." + i + ":5060");
    }
    String late = "198.51.100.1:5060";
    assertTrue(late == addresses.shared(late) && addresses.shared(new String(late)) != late,
        "past the bound a new address is kept as it comes, not remembered");
  }
}
