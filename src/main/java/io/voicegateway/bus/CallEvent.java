package io.voicegateway.bus;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call event, published on {@link Addresses#CALL_EVENTS}. Carries the SIP identity of the call and
 * every {@code X-} header of the initial INVITE so downstream consumers can correlate.
 *
 * <p>Its JSON form is the one docs/event-bus.md publishes ({@code headers}, {@code timestamp}; {@code digit} and
 * {@code durationMs} only for DTMF, {@code reason} only when set): the bus's wire codec and the bridges (through
 * Vert.x's own mapper) both write it, because the record says so with {@code @JsonValue}.
 *
 * @param direction  inbound or outbound; null when the sender does not know the call (a media event for a call
 *                   whose CALL_STARTED it missed)
 * @param xHeaders   the INVITE's X- headers, names as received
 * @param timestampMs when it happened, wall-clock ms from the sender's clock
 * @param digit      for DTMF_RECEIVED, else null
 * @param durationMs for DTMF_RECEIVED the key-press length, else 0
 * @param reason     for CALL_TERMINATED why the call ended (e.g. "remote BYE", "cancelled", "rtp timeout"), else null
 * @param node       cluster mode only: the name of the node that owns the call, set on an event another node published
 *                   and this one re-published on its own bus, on {@link Addresses#CLUSTER_CALL_EVENTS}
 *                   (docs/scale-out.md); null on every event of this node's own calls, which alone travel on
 *                   {@link Addresses#CALL_EVENTS}. Only the dashboard and the bridges listen to both.
 */
public record CallEvent(
    CallEventType type,
    String callId,
    CallDirection direction,
    String from,
    String to,
    String sipCallId,
    Map<String, String> xHeaders,
    long timestampMs,
    String digit,
    int durationMs,
    String reason,
    String node) {

  public CallEvent {
    xHeaders = Map.copyOf(xHeaders == null ? Map.of() : xHeaders);
  }

  /** An event of this node's own call (no {@code node}). */
  public CallEvent(CallEventType type, String callId, CallDirection direction, String from, String to,
      String sipCallId, Map<String, String> xHeaders, long timestampMs, String digit, int durationMs, String reason) {
    this(type, callId, direction, from, to, sipCallId, xHeaders, timestampMs, digit, durationMs, reason, null);
  }

  /** True for an event of a call another node owns (stamped by the cluster relay, docs/scale-out.md). */
  public boolean fromAnotherNode() {
    return node != null;
  }

  /** The same event marked as owned by node {@code name} (the cluster relay's stamp). */
  public CallEvent withNode(String name) {
    return new CallEvent(type, callId, direction, from, to, sipCallId, xHeaders, timestampMs, digit, durationMs,
        reason, name);
  }

  /** The documented JSON form, as a map in field order. */
  @JsonValue
  Map<String, Object> wireForm() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", type.name());
    json.put("callId", callId);
    json.put("direction", direction == null ? null : direction.wireName());
    json.put("from", from);
    json.put("to", to);
    json.put("sipCallId", sipCallId);
    json.put("headers", new LinkedHashMap<>(xHeaders));
    json.put("timestamp", timestampMs);
    if (digit != null) {
      json.put("digit", digit);
      json.put("durationMs", durationMs);
    }
    if (reason != null) {
      json.put("reason", reason);
    }
    if (node != null) {
      json.put("node", node);
    }
    return json;
  }

  public JsonObject toJson() {
    return new JsonObject(wireForm());
  }

  public static CallEvent fromJson(JsonObject json) {
    return fromWire(json.getMap());
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static CallEvent fromWire(Map<String, Object> json) {
    JsonObject j = new JsonObject(json);
    Map<String, String> headers = new LinkedHashMap<>();
    JsonObject h = j.getJsonObject("headers", new JsonObject());
    h.forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
    String direction = j.getString("direction");
    return new CallEvent(
        CallEventType.valueOf(j.getString("type")),
        j.getString("callId"),
        direction == null ? null : CallDirection.fromWire(direction),
        j.getString("from"),
        j.getString("to"),
        j.getString("sipCallId"),
        headers,
        j.getLong("timestamp", 0L),
        j.getString("digit"),
        j.getInteger("durationMs", 0),
        j.getString("reason"),
        j.getString("node"));
  }

  /** Same call identity, another event type, at {@code nowMs} (the caller's clock). */
  public CallEvent next(CallEventType nextType, String nextReason, long nowMs) {
    return new CallEvent(nextType, callId, direction, from, to, sipCallId, xHeaders, nowMs, null, 0, nextReason, node);
  }
}
