package io.voicegateway.history;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The JSON forms of the history: queries and pages on the bus ({@code vg.history.query}) and in the API. */
public final class HistoryJson {
  private HistoryJson() {}

  public static JsonObject query(HistoryQuery q) {
    return new JsonObject().put("from", q.fromMs()).put("to", q.toMs()).put("number", q.number())
        .put("page", q.page()).put("size", q.size());
  }

  /** @throws IllegalArgumentException when a value is out of range */
  public static HistoryQuery query(JsonObject json) {
    return new HistoryQuery(json.getLong("from", 0L), json.getLong("to", Long.MAX_VALUE), json.getString("number"),
        json.getInteger("page", 1), json.getInteger("size", HistoryQuery.DEFAULT_SIZE));
  }

  public static JsonObject page(HistoryPage page) {
    JsonArray items = new JsonArray();
    page.items().forEach(e -> items.add(entry(e)));
    return new JsonObject().put("total", page.total()).put("page", page.page()).put("size", page.size())
        .put("items", items);
  }

  public static JsonObject entry(HistoryEntry e) {
    JsonArray legs = new JsonArray();
    e.legs().forEach(l -> legs.add(new JsonObject().put("kind", l.kind()).put("peer", l.peer()).put("codec", l.codec())));
    return new JsonObject()
        .put("id", e.id())
        .put("direction", e.direction())
        .put("from", e.from())
        .put("to", e.to())
        .put("sipCallId", e.sipCallId())
        .put("startedAt", e.startedAt())
        .put("answeredAt", e.answeredAt() == 0 ? null : e.answeredAt())
        .put("endedAt", e.endedAt())
        .put("durationMs", e.durationMs())
        .put("cause", e.cause())
        .put("legs", legs);
  }

  /** The legs of one call in a {@code vg.sip.calls} reply. */
  public static List<HistoryLeg> legsOfActiveCall(JsonObject call) {
    List<HistoryLeg> legs = new ArrayList<>();
    call.getJsonArray("legs", new JsonArray()).forEach(o -> {
      JsonObject l = (JsonObject) o;
      legs.add(new HistoryLeg(l.getString("kind"), l.getString("peer"), l.getString("codec")));
    });
    return legs;
  }
}
