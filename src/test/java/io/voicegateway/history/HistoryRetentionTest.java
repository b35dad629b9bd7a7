package io.voicegateway.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.HistoryEntry;
import io.voicegateway.bus.HistoryLeg;
import io.voicegateway.bus.HistoryQuery;
import io.voicegateway.bus.LegKind;
import io.voicegateway.config.HistoryConfig;
import io.voicegateway.codec.CodecType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code history.retention} as the verticle applies it: on start (and hourly, by the same code path). */
class HistoryRetentionTest {
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  @TempDir
  Path tmp;

  private static HistoryEntry call(String id, long startedAt) {
    return new HistoryEntry(id, CallDirection.INBOUND, "sip:101@pbx", "sip:echo@gw", id + "@host", startedAt, startedAt + 1_000,
        startedAt + 5_000, 4_000, "remote BYE", List.of(new HistoryLeg(LegKind.SIP, "sip:101@pbx", CodecType.PCMU)));
  }

  /** Stores a call from a year ago and one from yesterday, runs the verticle once, returns what is left. */
  private List<String> keptWith(Duration retention) throws Exception {
    long now = System.currentTimeMillis();
    try (HistoryStore store = HistoryStore.open(tmp)) {
      store.add(call("last-year", now - 365 * DAY_MS));
      store.add(call("yesterday", now - DAY_MS));
    }
    Vertx vertx = Vertx.vertx();
    try {
      String id = vertx.deployVerticle(new HistoryVerticle(new HistoryConfig(true, tmp, retention)))
          .await(20, TimeUnit.SECONDS);
      vertx.undeploy(id).await(20, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
    try (HistoryStore store = HistoryStore.open(tmp)) {
      return store.find(HistoryQuery.all()).items().stream().map(HistoryEntry::id).toList();
    }
  }

  @Test
  void callsThatStartedBeforeTheRetentionAreDeletedOnStart() throws Exception {
    assertEquals(List.of("yesterday"), keptWith(Duration.ofDays(30)));
  }

  @Test
  void zeroRetentionKeepsEveryCall() throws Exception {
    assertEquals(List.of("yesterday", "last-year"), keptWith(Duration.ZERO));
  }
}
