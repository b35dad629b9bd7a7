package io.voicegateway.bridge;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.SipCommands;
import java.util.List;
import java.util.function.Function;

/**
 * The commands external consumers may send (docs/event-bus.md). Bridge clients send JSON, while the SIP
 * verticle takes records: these consumers check the JSON, forward it as the record and pass the answer or
 * the failure (code and message) back.
 *
 * <ul>
 *   <li>{@code vg.command.hangup} {@code {callId, reason?}} → {@code {callId, hungUp: true}}</li>
 *   <li>{@code vg.command.stream} {@code {callId, enabled}} → {@code {callId, streaming, address}}</li>
 * </ul>
 * A body that is not such an object fails with 400, an unknown call with 404.
 */
final class BridgeCommands {
  private final EventBus bus;
  private List<MessageConsumer<Object>> consumers = List.of();

  BridgeCommands(EventBus bus) {
    this.bus = bus;
  }

  Future<?> register() {
    consumers = List.of(
        bus.consumer(Addresses.COMMAND_HANGUP, this::hangup),
        bus.consumer(Addresses.COMMAND_STREAM, this::stream));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  Future<?> unregister() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
  }

  private void hangup(Message<Object> msg) {
    JsonObject body = object(msg);
    if (body == null) {
      return;
    }
    String callId = body.getString("callId");
    Object reason = body.getValue("reason");
    forward(msg, Addresses.SIP_HANGUP, new SipCommands.Hangup(callId, reason instanceof String r ? r : "bridge"),
        reply -> new JsonObject().put("callId", callId).put("hungUp", true));
  }

  private void stream(Message<Object> msg) {
    JsonObject body = object(msg);
    if (body == null) {
      return;
    }
    if (!(body.getValue("enabled") instanceof Boolean enabled)) {
      msg.fail(400, "enabled must be true or false");
      return;
    }
    forward(msg, Addresses.SIP_STREAM, new SipCommands.Stream(body.getString("callId"), enabled),
        reply -> (JsonObject) reply);
  }

  /** The body as an object with a string callId, or null after answering 400. */
  private static JsonObject object(Message<Object> msg) {
    if (msg.body() instanceof JsonObject body && body.getValue("callId") instanceof String id && !id.isBlank()) {
      return body;
    }
    msg.fail(400, "the body must be a JSON object with a callId string");
    return null;
  }

  private void forward(Message<Object> msg, String address, Object command,
      Function<Object, JsonObject> answer) {
    bus.request(address, command).onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(answer.apply(ar.result().body()));
      } else if (ar.cause() instanceof ReplyException e && e.failureCode() > 0) {
        msg.fail(e.failureCode(), e.getMessage());
      } else {
        msg.fail(500, String.valueOf(ar.cause().getMessage()));
      }
    });
  }
}
