package io.voicegateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.TestMediaConfig;
import org.junit.jupiter.api.Test;

/** The vg.media.stats reply: a call's legs (or every leg) with their counters and level. */
class LegStatsReplyTest {
  @Test
  void reportsTheLegsOfOneCallOrOfAll() {
    MediaEngine engine = TestMediaConfig.engine(10_000, 10_009, () -> 0L);
    engine.openLeg("c1", "l1", 10_000);
    engine.openLeg("c2", "l2", 10_002);

    JsonArray one = LegStatsReply.of(engine, "c1");
    assertEquals(1, one.size());
    JsonObject leg = one.getJsonObject(0);
    assertEquals("l1", leg.getString("legId"));
    assertEquals(10_000, leg.getInteger("rtpPort"));
    assertEquals(0L, leg.getLong("packetsReceived"));
    assertEquals(0.0, leg.getDouble("level"));
    assertEquals(null, leg.getString("codec"), "not started yet");
    assertEquals(2, LegStatsReply.of(engine, "").size());
    assertEquals(0, LegStatsReply.of(engine, "c3").size());
  }
}
