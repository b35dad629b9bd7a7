package io.voicegateway.transport;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.media.LegMedia;
import io.voicegateway.media.LegStats;
import io.voicegateway.media.MediaEngine;
import java.util.Collection;

/** The reply to {@code vg.media.stats}: each leg's counters and level as JSON, from the shared engine. */
final class LegStatsReply {
  private LegStatsReply() {}

  /** @param callId the call whose legs to report, or null/empty for every leg */
  static JsonArray of(MediaEngine engine, String callId) {
    Collection<LegMedia> legs = callId == null || callId.isEmpty() ? engine.legs() : engine.legsOf(callId);
    JsonArray out = new JsonArray();
    for (LegMedia leg : legs) {
      out.add(json(leg.stats()));
    }
    return out;
  }

  static JsonObject json(LegStats s) {
    return new JsonObject()
        .put("callId", s.callId())
        .put("legId", s.legId())
        .put("rtpPort", s.rtpPort())
        .put("codec", s.codec())
        .put("packetsReceived", s.packetsReceived())
        .put("packetsLost", s.packetsLost())
        .put("jitterMs", s.jitterMs())
        .put("level", s.level())
        .put("fax", s.fax())
        .put("packetsSent", s.packetsSent())
        .put("octetsSent", s.octetsSent())
        .put("invalidPackets", s.invalidPackets())
        .put("unknownPayloadTypes", s.unknownPayloadTypes())
        .put("droppedOnHold", s.droppedOnHold());
  }
}
