package io.voicegateway.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.HistoryEntry;
import io.voicegateway.bus.HistoryQuery;
import io.voicegateway.bus.RecordingCommands;
import io.voicegateway.config.HistoryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A call's recording in the history: learnt from its events, stored, found, and deleted with the call. */
class HistoryRecordingTest {
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  @TempDir
  Path tmp;

  private static CallEvent event(CallEventType type, long at, String reason) {
    return new CallEvent(type, "c1", CallDirection.INBOUND, "sip:alice@pbx", "sip:100@gw", "sip-c1", Map.of(), at,
        null, 0, reason);
  }

  private static HistoryEntry call(String id, long startedAt, String recording) {
    return new HistoryEntry(id, CallDirection.INBOUND, "sip:a@x", "sip:b@gw", id + "@x", startedAt, startedAt + 1_000,
        startedAt + 5_000, 4_000, "remote BYE", List.of(), List.of(), recording, recording == null ? 0 : 3_000);
  }

  @Test
  void theCollectorAddsTheRecordedStretchesUpToTheCallsEnd() {
    HistoryCollector collector = new HistoryCollector();
    collector.onEvent(event(CallEventType.CALL_STARTED, 1_000, null));
    collector.onEvent(event(CallEventType.CALL_CONNECTED, 2_000, null));
    collector.onEvent(event(CallEventType.RECORDING_STARTED, 2_100, "/rec/c1.wav"));
    collector.onEvent(event(CallEventType.RECORDING_STOPPED, 3_100, "/rec/c1.wav")); // paused through the API
    collector.onEvent(event(CallEventType.RECORDING_STARTED, 4_000, "/rec/c1.wav"));
    HistoryEntry e = collector.onEvent(event(CallEventType.CALL_TERMINATED, 6_500, "remote BYE")).orElseThrow();
    assertTrue(collector.onEvent(event(CallEventType.RECORDING_STOPPED, 6_510, "/rec/c1.wav")).isEmpty());
    assertEquals("/rec/c1.wav", e.recording());
    assertEquals(1_000 + 2_500, e.recordingMs());
    assertEquals(0, collector.openCalls(), "the stop after the end opens nothing");
  }

  @Test
  void aCallNotRecordedHasNoRecording() {
    HistoryCollector collector = new HistoryCollector();
    collector.onEvent(event(CallEventType.CALL_STARTED, 1_000, null));
    HistoryEntry e = collector.onEvent(event(CallEventType.CALL_TERMINATED, 2_000, "bye")).orElseThrow();
    assertNull(e.recording());
    assertEquals(0, e.recordingMs());
  }

  @Test
  void theStoreKeepsTheRecordingWithItsCall() throws Exception {
    try (HistoryStore store = HistoryStore.open(tmp)) {
      assertEquals(HistorySchema.latest(), store.schemaVersion()); // the recording columns came with 3
      store.add(call("rec", 1_000, "/rec/rec.wav"));
      store.add(call("plain", 2_000, null));
      List<HistoryEntry> items = store.find(HistoryQuery.all()).items();
      assertEquals(call("plain", 2_000, null), items.get(0));
      assertEquals(call("rec", 1_000, "/rec/rec.wav"), items.get(1));
      assertEquals(Optional.of(Path.of("/rec/rec.wav")), store.recordingOf("rec"));
      assertEquals(Optional.empty(), store.recordingOf("plain"));
      assertEquals(Optional.empty(), store.recordingOf("unknown"));
    }
  }

  @Test
  void retentionDeletesTheFilesWithTheirCallsAndTheHistoryServesTheRest() throws Exception {
    long now = System.currentTimeMillis();
    Path old = Files.writeString(tmp.resolve("old.wav"), "RIFF");
    Path recent = Files.writeString(tmp.resolve("recent.wav"), "RIFF");
    try (HistoryStore store = HistoryStore.open(tmp.resolve("db"))) {
      store.add(call("old", now - 365 * DAY_MS, old.toString()));
      store.add(call("recent", now - DAY_MS, recent.toString()));
      store.add(call("gone", now - DAY_MS, tmp.resolve("gone.wav").toString()));
    }
    Vertx vertx = Vertx.vertx();
    try {
      BusCodecs.registerAll(vertx);
      vertx.deployVerticle(new HistoryVerticle(new HistoryConfig(true, tmp.resolve("db"), Duration.ofDays(30))))
          .await(20, TimeUnit.SECONDS);
      assertFalse(Files.exists(old), "the retention deleted the old call's file");
      assertTrue(Files.exists(recent));
      RecordingCommands.File file = vertx.eventBus().<RecordingCommands.File>request(Addresses.HISTORY_RECORDING,
          new RecordingCommands.FileQuery("recent")).await(20, TimeUnit.SECONDS).body();
      assertEquals(recent.toString(), file.path());
      for (String missing : List.of("old", "gone", "unknown")) {
        Throwable err = vertx.eventBus().request(Addresses.HISTORY_RECORDING, new RecordingCommands.FileQuery(missing))
            .toCompletionStage().handle((ok, e) -> e).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(404, ((ReplyException) err).failureCode(), missing);
      }
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }
}
