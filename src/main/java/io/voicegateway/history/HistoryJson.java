package io.voicegateway.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.CallQueries.ActiveCall;
import io.voicegateway.bus.HistoryEntry;
import io.voicegateway.bus.HistoryLeg;
import io.voicegateway.bus.HistoryPage;
import java.util.List;

/** The REST API's JSON form of the history's pages (the bus carries the records themselves). */
public final class HistoryJson {
  private HistoryJson() {}

  public static JsonObject page(HistoryPage page) {
    JsonArray items = new JsonArray();
    page.items().forEach(e -> items.add(entry(e)));
    return new JsonObject().put("total", page.total()).put("page", page.page()).put("size", page.size())
        .put("items", items);
  }

  public static JsonObject entry(HistoryEntry e) {
    JsonArray legs = new JsonArray();
    e.legs().forEach(l -> legs.add(new JsonObject().put("kind", l.kind().wireName()).put("peer", l.peer())
        .put("codec", l.codec() == null ? null : l.codec().configName())));
    JsonObject json = new JsonObject()
        .put("id", e.id())
        .put("direction", e.direction() == null ? null : e.direction().wireName())
        .put("from", e.from())
        .put("to", e.to())
        .put("sipCallId", e.sipCallId())
        .put("startedAt", e.startedAt())
        .put("answeredAt", e.answeredAt() == 0 ? null : e.answeredAt())
        .put("endedAt", e.endedAt())
        .put("durationMs", e.durationMs())
        .put("cause", e.cause())
        .put("legs", legs);
    if (!e.ivrPath().isEmpty()) {
      json.put("ivrPath", new JsonArray(e.ivrPath()));
    }
    if (e.recording() != null) { // downloadable at /api/v1/history/{id}/recording; the server's path stays private
      json.put("recording", true).put("recordingMs", e.recordingMs());
    }
    return json;
  }

  /** The legs of one call in a {@code vg.sip.calls} reply, as the history keeps them. */
  public static List<HistoryLeg> legsOfActiveCall(ActiveCall call) {
    return call.legs().stream().map(l -> new HistoryLeg(l.kind(), l.peer(), l.codec())).toList();
  }
}
