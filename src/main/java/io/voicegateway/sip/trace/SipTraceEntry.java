package io.voicegateway.sip.trace;

import io.vertx.core.json.JsonObject;

/**
 * One SIP message as it crossed the gateway's sockets, for the dashboard's ladder view.
 *
 * @param timeMs    wall-clock ms when the stack received or sent it
 * @param direction "in" (received) or "out" (sent)
 * @param from      host:port of the sender
 * @param to        host:port of the receiver
 * @param firstLine request line or status line, e.g. {@code INVITE sip:echo@host SIP/2.0}
 * @param message   the whole message as on the wire (possibly shortened, see {@link SipTraceStore})
 */
public record SipTraceEntry(long timeMs, String direction, String from, String to, String firstLine,
    String sipCallId, String message) {

  /** The REST and WebSocket shape of the contract: {@code {time, direction, from, to, firstLine, sipCallId, message}}. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("time", timeMs)
        .put("direction", direction)
        .put("from", from)
        .put("to", to)
        .put("firstLine", firstLine)
        .put("sipCallId", sipCallId)
        .put("message", message);
  }

  /** Characters this entry holds, for the store's memory bound. */
  int size() {
    return message.length() + firstLine.length();
  }
}
