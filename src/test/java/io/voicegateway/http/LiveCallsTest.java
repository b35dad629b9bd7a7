package io.voicegateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The SIP side's calls joined with the media side's per-leg figures. */
class LiveCallsTest {
  @Test
  void eachSipLegGetsItsStatsAndAppLegsNone() {
    JsonArray calls = new JsonArray().add(new JsonObject().put("id", "c1").put("state", "CONNECTED")
        .put("legs", new JsonArray()
            .add(new JsonObject().put("id", "l1").put("kind", "sip"))
            .add(new JsonObject().put("id", "l2").put("kind", "app"))));
    JsonArray stats = new JsonArray()
        .add(new JsonObject().put("callId", "c1").put("legId", "l1").put("packetsReceived", 250L).put("packetsLost", 3L)
            .put("jitterMs", 1.5).put("level", 0.25f).put("packetsSent", 251L).put("invalidPackets", 0L))
        .add(new JsonObject().put("callId", "gone").put("legId", "l9").put("packetsReceived", 1L));

    JsonArray joined = LiveCalls.join(calls, stats);

    JsonArray legs = joined.getJsonObject(0).getJsonArray("legs");
    assertEquals(new JsonObject().put("packetsReceived", 250L).put("packetsLost", 3L).put("jitterMs", 1.5)
        .put("level", 0.25).put("packetsSent", 251L), legs.getJsonObject(0).getJsonObject("stats"));
    assertNull(legs.getJsonObject(1).getValue("stats"));
    assertEquals(1, joined.size(), "stats of a leg no call lists are dropped");
    assertNull(calls.getJsonObject(0).getJsonArray("legs").getJsonObject(0).getValue("stats"), "the input is not changed");
  }
}
