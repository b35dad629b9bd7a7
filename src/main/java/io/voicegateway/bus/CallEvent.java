package io.voicegateway.bus;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call event, published on {@link Addresses#CALL_EVENTS}. Carries the SIP identity of the call and
 * every {@code X-} header of the initial INVITE so downstream consumers can correlate.
 *
 * @param direction "inbound" or "outbound"
 * @param xHeaders  the INVITE's X- headers, names as received
 * @param digit     for DTMF_RECEIVED, else null
 * @param durationMs for DTMF_RECEIVED the key-press length, else 0
 * @param reason    for CALL_TERMINATED why the call ended (e.g. "remote BYE", "cancelled", "rtp timeout"), else null
 */
public record CallEvent(
    CallEventType type,
    String callId,
    String direction,
    String from,
    String to,
    String sipCallId,
    Map<String, String> xHeaders,
    long timestampMs,
    String digit,
    int durationMs,
    String reason) {

  public CallEvent {
    xHeaders = Map.copyOf(xHeaders == null ? Map.of() : xHeaders);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("type", type.name())
        .put("callId", callId)
        .put("direction", direction)
        .put("from", from)
        .put("to", to)
        .put("sipCallId", sipCallId)
        .put("headers", new JsonObject(new LinkedHashMap<>(xHeaders)))
        .put("timestamp", timestampMs);
    if (digit != null) {
      json.put("digit", digit).put("durationMs", durationMs);
    }
    if (reason != null) {
      json.put("reason", reason);
    }
    return json;
  }

  public static CallEvent fromJson(JsonObject json) {
    Map<String, String> headers = new LinkedHashMap<>();
    JsonObject h = json.getJsonObject("headers", new JsonObject());
    h.forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
    return new CallEvent(
        CallEventType.valueOf(json.getString("type")),
        json.getString("callId"),
        json.getString("direction"),
        json.getString("from"),
        json.getString("to"),
        json.getString("sipCallId"),
        headers,
        json.getLong("timestamp", 0L),
        json.getString("digit"),
        json.getInteger("durationMs", 0),
        json.getString("reason"));
  }

  /** Same call identity, another event type, now. */
  public CallEvent next(CallEventType nextType, String nextReason) {
    return new CallEvent(nextType, callId, direction, from, to, sipCallId, xHeaders,
        System.currentTimeMillis(), null, 0, nextReason);
  }
}
