package io.voicegateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallQueries.ActiveCall;
import io.voicegateway.bus.CallQueries.ActiveLeg;
import io.voicegateway.bus.CallState;
import io.voicegateway.bus.LegKind;
import io.voicegateway.codec.CodecType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Call control's calls, in their wire form, joined with the media side's per-leg figures. */
class LiveCallsTest {
  @Test
  void eachSipLegGetsItsStatsAndAppLegsNone() {
    List<ActiveCall> calls = List.of(new ActiveCall("c1", CallState.CONNECTED, CallDirection.INBOUND, "sip:a@x",
        "sip:echo@gw", CodecType.PCMU, "1-1@x", 1_000L, 1_200L, 800, Map.of(), List.of(
            new ActiveLeg("l1", LegKind.SIP, "sip:a@x", CodecType.PCMU, false, 10_000, "1-1@x"),
            new ActiveLeg("l2", LegKind.APP, "echo", null, false, 0, null))));
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
    JsonObject call = joined.getJsonObject(0);
    assertEquals("CONNECTED", call.getString("state"));
    assertEquals("inbound", call.getString("direction"));
    assertEquals("g711-ulaw", call.getString("codec"));
    assertEquals("sip", legs.getJsonObject(0).getString("kind"));
    assertEquals("app", legs.getJsonObject(1).getString("kind"));
    assertTrue(legs.getJsonObject(1).containsKey("codec") && legs.getJsonObject(1).getValue("codec") == null,
        "an app leg says codec null, as before");
  }
}
