package io.voicegateway.apps.voicemail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.apps.audio.WavWriter;
import io.voicegateway.bus.VoicemailMessages.BoxSummary;
import io.voicegateway.bus.VoicemailMessages.Message;
import io.voicegateway.config.VoicemailBox;
import io.voicegateway.config.VoicemailConfig;
import io.voicegateway.history.HistoryStore;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index in the history's H2 file: kept across a restart, beside the history, and mended after a kill. */
class VoicemailStoreTest {
  @TempDir
  Path dir;

  private static Message message(String id, long at, boolean heard) {
    return new Message(id, "sales", "sip:a@x", "c-" + id, at, 4_000, heard);
  }

  @Test
  void messagesSurviveARestartNewestFirst() throws Exception {
    try (VoicemailStore store = VoicemailStore.open(dir)) {
      store.add(message("a", 1_000, false));
      store.add(message("b", 2_000, true));
      store.add(new Message("c", "other", null, null, 3_000, 1_500, false));
    }
    try (VoicemailStore store = VoicemailStore.open(dir)) {
      assertEquals(List.of("b", "a"), store.messages("sales").stream().map(Message::id).toList());
      assertEquals(new BoxSummary("sales", 1, 2), store.summary("sales"));
      assertEquals(new BoxSummary("empty", 0, 0), store.summary("empty"));
      assertTrue(store.markHeard("sales", "a"));
      assertFalse(store.markHeard("other", "a"), "a message is found in its own box only");
      assertEquals(new BoxSummary("sales", 0, 2), store.summary("sales"));
      assertTrue(store.delete("sales", "a"));
      assertFalse(store.delete("sales", "a"));
      assertEquals(List.of(message("b", 2_000, true)), store.messages("sales"));
    }
  }

  @Test
  void sharesTheDatabaseWithTheHistoryWhicheverOpensFirst() throws Exception {
    try (VoicemailStore store = VoicemailStore.open(dir);
         HistoryStore history = HistoryStore.open(dir)) {
      store.add(message("a", 1_000, false));
      assertEquals(0, history.find(io.voicegateway.bus.HistoryQuery.all()).total());
    }
    try (HistoryStore history = HistoryStore.open(dir);
         VoicemailStore store = VoicemailStore.open(dir)) {
      assertEquals(1, store.messages("sales").size());
    }
    assertTrue(Files.exists(dir.resolve("history.mv.db")));
  }

  @Test
  void aMessageLeftByAKilledGatewayIsMendedAndIndexed() throws Exception {
    Voicemail voicemail = new Voicemail(new VoicemailConfig("*97", Map.of("sales", new VoicemailBox("sales",
        VoicemailBox.DEFAULT_GREETING, List.of(), VoicemailBox.DEFAULT_MAX_LENGTH, null,
        VoicemailBox.DEFAULT_SILENCE_TIMEOUT))), dir, prompt -> {
      throw new java.io.IOException("no prompts here");
    });
    Path file = voicemail.file("sales", "killed");
    WavWriter writer = WavWriter.create(file, 16_000, 1);
    writer.write(new short[32_000], 32_000);
    writer.flush();
    writer.write(new short[16_000], 16_000); // after the last flush: the header does not count it
    // the gateway dies here: the writer is never closed
    Path tooShort = voicemail.file("sales", "short");
    try (WavWriter w = WavWriter.create(tooShort, 16_000, 1)) {
      w.write(new short[8_000], 8_000);
    }
    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "r")) {
      assertEquals(44 + 96_000, raw.length());
    }
    voicemail.recover(1_900_000_000_000L);
    List<Message> messages = voicemail.store().messages("sales");
    assertEquals(1, messages.size());
    assertEquals("killed", messages.get(0).id());
    assertEquals(3_000, messages.get(0).durationMs());
    assertEquals(48_000, io.voicegateway.apps.audio.WavReader.readMono(file, 16_000).length, "playable, all of it");
    assertFalse(Files.exists(tooShort), "under a second: dropped");
    voicemail.recover(1_900_000_000_000L);
    assertEquals(1, voicemail.store().messages("sales").size(), "indexed once");
    voicemail.close();
  }
}
