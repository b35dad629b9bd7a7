package io.voicegateway.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.HistoryEntry;
import io.voicegateway.bus.HistoryLeg;
import io.voicegateway.bus.HistoryPage;
import io.voicegateway.bus.HistoryQuery;
import io.voicegateway.bus.LegKind;
import io.voicegateway.codec.CodecType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
  @TempDir
  Path tmp;

  private static HistoryEntry call(String id, String from, String to, long startedAt, long answeredAt) {
    long ended = startedAt + 10_000;
    return new HistoryEntry(id, CallDirection.INBOUND, from, to, id + "@host", startedAt, answeredAt, ended,
        answeredAt == 0 ? 0 : ended - answeredAt, answeredAt == 0 ? "cancelled" : "remote BYE",
        List.of(new HistoryLeg(LegKind.SIP, from, CodecType.PCMU), new HistoryLeg(LegKind.APP, "echo", null)));
  }

  @Test
  void createsTheDirectoryAndKeepsCallsAcrossReopening() throws Exception {
    Path dir = tmp.resolve("nested/data");
    HistoryEntry answered = call("a", "sip:alice@10.0.0.2", "sip:echo@gw", 1_000, 2_000);
    try (HistoryStore store = HistoryStore.open(dir)) {
      assertTrue(store.add(answered));
      assertFalse(store.add(answered), "a call is stored once");
    }
    assertTrue(Files.exists(dir.resolve("history.mv.db")));
    try (HistoryStore store = HistoryStore.open(dir)) {
      HistoryPage page = store.find(HistoryQuery.all());
      assertEquals(1, page.total());
      assertEquals(answered, page.items().get(0));
      assertEquals(HistorySchema.latest(), store.schemaVersion());
    }
  }

  @Test
  void keepsTheIvrPath() throws Exception {
    HistoryEntry plain = call("p", "sip:alice@10.0.0.2", "sip:100@gw", 1_000, 2_000);
    HistoryEntry ivr = new HistoryEntry(plain.id(), plain.direction(), plain.from(), plain.to(), plain.sipCallId(),
        plain.startedAt(), plain.answeredAt(), plain.endedAt(), plain.durationMs(), plain.cause(), plain.legs(),
        List.of("menu main", "key 1", "menu sales", "ring bob"), null, 0);
    try (HistoryStore store = HistoryStore.open(tmp)) {
      store.add(ivr);
      store.add(call("q", "sip:bob@10.0.0.3", "sip:echo@gw", 3_000, 4_000));
      List<HistoryEntry> items = store.find(HistoryQuery.all()).items();
      assertEquals(List.of(), items.get(0).ivrPath());
      assertEquals(ivr, items.get(1));
      assertEquals(List.of("menu main", "key 1", "menu sales", "ring bob"),
          HistoryJson.entry(items.get(1)).getJsonArray("ivrPath").getList());
    }
  }

  @Test
  void pagesNewestFirstAndCountsEveryMatch() throws Exception {
    try (HistoryStore store = HistoryStore.open(tmp)) {
      for (int i = 0; i < 7; i++) {
        store.add(call("c" + i, "sip:10" + i + "@pbx", "sip:echo@gw", 1_000L * i, 0));
      }
      HistoryPage first = store.find(new HistoryQuery(0, Long.MAX_VALUE, null, 1, 3));
      HistoryPage last = store.find(new HistoryQuery(0, Long.MAX_VALUE, null, 3, 3));
      assertEquals(7, first.total());
      assertEquals(List.of("c6", "c5", "c4"), first.items().stream().map(HistoryEntry::id).toList());
      assertEquals(List.of("c0"), last.items().stream().map(HistoryEntry::id).toList());
      assertEquals(0, store.find(new HistoryQuery(0, Long.MAX_VALUE, null, 4, 3)).items().size());
      assertEquals(0, first.items().get(0).answeredAt(), "an unanswered call keeps no answer time");
      assertEquals("cancelled", first.items().get(0).cause());
    }
  }

  @Test
  void filtersByStartTimeAndNumber() throws Exception {
    try (HistoryStore store = HistoryStore.open(tmp)) {
      store.add(call("x", "sip:+4930123@trunk", "sip:101@gw", 1_000, 1_500));
      store.add(call("y", "sip:102@gw", "sip:+4930999@trunk", 2_000, 2_500));
      store.add(call("z", "sip:103@gw", "sip:104@gw", 3_000, 3_500));
      assertEquals(List.of("y", "x"), ids(store.find(new HistoryQuery(0, Long.MAX_VALUE, "+4930", 1, 10))));
      assertEquals(List.of("z"), ids(store.find(new HistoryQuery(0, Long.MAX_VALUE, "104", 1, 10))));
      assertEquals(List.of("y"), ids(store.find(new HistoryQuery(2_000, 3_000, null, 1, 10))));
      // LIKE wildcards in the number are matched literally
      assertEquals(List.of(), ids(store.find(new HistoryQuery(0, Long.MAX_VALUE, "10_", 1, 10))));
      assertEquals(List.of(), ids(store.find(new HistoryQuery(0, Long.MAX_VALUE, "%", 1, 10))));
    }
  }

  @Test
  void anOlderDatabaseIsMigratedAndACurrentOneLeftAlone() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + tmp.resolve("history").toAbsolutePath(), "sa", "")) {
      db.createStatement().execute("CREATE TABLE schema_version (version INT NOT NULL)");
      db.createStatement().execute("INSERT INTO schema_version VALUES (0)");
    }
    try (HistoryStore store = HistoryStore.open(tmp)) {
      assertEquals(HistorySchema.latest(), store.schemaVersion());
      store.add(call("a", "f", "t", 1, 2));
    }
    try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + tmp.resolve("history").toAbsolutePath(), "sa", "")) {
      assertEquals(HistorySchema.latest(), HistorySchema.migrate(db, io.voicegateway.store.Dialect.H2), "nothing left to apply");
    }
  }

  @Test
  void aDataDirThatIsAFileIsAClearError() throws Exception {
    Path file = Files.writeString(tmp.resolve("data"), "not a directory");
    IOException e = assertThrows(IOException.class, () -> HistoryStore.open(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void badQueriesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new HistoryQuery(0, 10, null, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> new HistoryQuery(0, 10, null, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new HistoryQuery(0, 10, null, 1, HistoryQuery.MAX_SIZE + 1));
    assertThrows(IllegalArgumentException.class, () -> new HistoryQuery(20, 10, null, 1, 10));
  }

  private static List<String> ids(HistoryPage page) {
    return page.items().stream().map(HistoryEntry::id).toList();
  }

  @Test
  void deletesTheCallsThatStartedBeforeTheCutoffWithTheirLegs() throws Exception {
    try (HistoryStore store = HistoryStore.open(tmp)) {
      store.add(call("old", "sip:101@pbx", "sip:echo@gw", 1_000, 2_000));
      store.add(call("edge", "sip:102@pbx", "sip:echo@gw", 5_000, 0));
      store.add(call("new", "sip:103@pbx", "sip:echo@gw", 9_000, 0));
      assertEquals(1, store.deleteStartedBefore(5_000), "only the call that started before the cutoff");
      assertEquals(List.of("new", "edge"), ids(store.find(HistoryQuery.all())));
      assertEquals(0, store.deleteStartedBefore(5_000));
    }
    try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + tmp.resolve("history").toAbsolutePath(), "sa", "");
         var rs = db.createStatement().executeQuery("SELECT COUNT(*) FROM call_legs WHERE call_id = 'old'")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "the deleted call's legs went with it");
    }
  }

  @Test
  void storesTheWireNamesAndReadsAnUnknownCodecAsNone() throws Exception {
    try (HistoryStore store = HistoryStore.open(tmp)) {
      store.add(call("c", "sip:101@pbx", "sip:echo@gw", 1_000, 2_000));
    }
    String url = "jdbc:h2:file:" + tmp.resolve("history").toAbsolutePath();
    try (Connection db = DriverManager.getConnection(url, "sa", "");
         var rs = db.createStatement().executeQuery("SELECT c.direction, l.kind, l.codec FROM calls c"
             + " JOIN call_legs l ON l.call_id = c.id WHERE l.leg_index = 0")) {
      rs.next();
      assertEquals(List.of("inbound", "sip", "g711-ulaw"), List.of(rs.getString(1), rs.getString(2), rs.getString(3)),
          "rows written before the fields were typed read the same");
      db.createStatement().executeUpdate("UPDATE call_legs SET codec = 'g729' WHERE leg_index = 0");
    }
    try (HistoryStore store = HistoryStore.open(tmp)) {
      HistoryLeg leg = store.find(HistoryQuery.all()).items().get(0).legs().get(0);
      assertEquals(new HistoryLeg(LegKind.SIP, "sip:101@pbx", null), leg);
    }
  }
}
