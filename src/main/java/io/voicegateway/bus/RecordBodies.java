package io.voicegateway.bus;

import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * Requests that bridge clients may send too: the body is the command record from inside the gateway, or the same
 * fields as a JSON object from a bridge, and the answer goes back in kind.
 */
public final class RecordBodies {
  private RecordBodies() {}

  /** The body as {@code type}, or null after answering 400. */
  public static <T extends Record> T body(Message<Object> msg, Class<T> type) {
    Object body = msg.body();
    if (type.isInstance(body)) {
      return type.cast(body);
    }
    if (body instanceof JsonObject json) {
      try {
        return json.mapTo(type);
      } catch (IllegalArgumentException bad) {
        // answered below
      }
    }
    msg.fail(400, "the body is not a " + type.getSimpleName() + " object");
    return null;
  }

  /** Replies with the record, or its JSON when the request was JSON. */
  public static void reply(Message<Object> msg, Record reply) {
    msg.reply(msg.body() instanceof JsonObject ? JsonObject.mapFrom(reply) : reply);
  }
}
