package io.voicegateway.bridge;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallBus;
import io.voicegateway.bus.CallCommands;
import io.voicegateway.bus.RecordingCommands;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.media.dtmf.DtmfDigits;
import java.util.List;
import java.util.function.Function;

/**
 * The commands external consumers may send (docs/event-bus.md). Bridge clients send JSON, while call control takes
 * records: these consumers check the JSON, send the record to the call's owner through {@link CallBus} (this node,
 * or in cluster mode the node that holds the call, as the REST API does) and pass the answer or the failure (code
 * and message) back.
 *
 * <ul>
 *   <li>{@code vg.command.hangup} {@code {callId, reason?}} → {@code {callId, hungUp: true}}</li>
 *   <li>{@code vg.command.stream} {@code {callId, enabled}} → {@code {callId, streaming, address}}; in cluster mode
 *       409 for a call held by another node (its 16 kHz feed is published on that node's bus only)</li>
 *   <li>{@code vg.command.hold}, {@code vg.command.resume} {@code {callId}} → {@code {callId, held}}</li>
 *   <li>{@code vg.command.dtmf} {@code {callId, digits}} → {@code {callId, digits}}</li>
 *   <li>{@code vg.command.transfer} {@code {callId, to}} ({@code to} a sip: or sips: URI) → {@code {callId, status}}</li>
 *   <li>{@code vg.command.recording} {@code {callId, enabled}} → {@code {callId, recording, file}}</li>
 * </ul>
 * A body that is not such an object fails with 400, an unknown call with 404, a call in the wrong state with 409.
 */
final class BridgeCommands {
  /** Hold, resume, transfer and hang-up wait for the peer's final answer (Timer B is 32 s), as the REST API does. */
  private static final DeliveryOptions PEER_WAIT = new DeliveryOptions().setSendTimeout(40_000);
  private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(5_000);

  private final EventBus bus;
  private final CallBus calls;
  private List<MessageConsumer<Object>> consumers = List.of();

  BridgeCommands(EventBus bus, CallBus calls) {
    this.bus = bus;
    this.calls = calls;
  }

  Future<?> register() {
    consumers = List.of(
        bus.consumer(Addresses.COMMAND_HANGUP, this::hangup),
        bus.consumer(Addresses.COMMAND_STREAM, this::stream),
        bus.consumer(Addresses.COMMAND_HOLD, msg -> hold(msg, true)),
        bus.consumer(Addresses.COMMAND_RESUME, msg -> hold(msg, false)),
        bus.consumer(Addresses.COMMAND_DTMF, this::dtmf),
        bus.consumer(Addresses.COMMAND_TRANSFER, this::transfer),
        bus.consumer(Addresses.COMMAND_RECORDING, this::recording));
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
    forward(msg, Addresses.SIP_HANGUP, callId, new SipCommands.Hangup(callId, reason instanceof String r ? r : "bridge"),
        PEER_WAIT, reply -> new JsonObject().put("callId", callId).put("hungUp", true));
  }

  /** The feed is published on the owner's bus only: a client of another node would register and hear nothing. */
  private void stream(Message<Object> msg) {
    JsonObject body = object(msg);
    Boolean enabled = body == null ? null : flag(msg, body, "enabled");
    if (enabled == null) {
      return;
    }
    String callId = body.getString("callId");
    calls.owner(callId, QUICK).onComplete(owner -> {
      if (owner.failed()) {
        fail(msg, owner.cause());
      } else if (!owner.result().getBoolean("local", false)) {
        msg.fail(409, "call " + callId + " is held by node " + owner.result().getString("name")
            + " of the cluster: its audio feed is published on that node's bus only; connect the bridge there"
            + " (docs/scale-out.md)");
      } else {
        forward(msg, Addresses.SIP_STREAM, callId, new SipCommands.Stream(callId, enabled), QUICK,
            reply -> (JsonObject) reply);
      }
    });
  }

  private void hold(Message<Object> msg, boolean hold) {
    JsonObject body = object(msg);
    if (body == null) {
      return;
    }
    String callId = body.getString("callId");
    forward(msg, hold ? Addresses.CALL_HOLD : Addresses.CALL_RESUME, callId,
        hold ? new CallCommands.Hold(callId) : new CallCommands.Resume(callId), PEER_WAIT,
        reply -> new JsonObject().put("callId", callId).put("held", hold));
  }

  private void dtmf(Message<Object> msg) {
    JsonObject body = object(msg);
    if (body == null) {
      return;
    }
    if (!(body.getValue("digits") instanceof String digits) || digits.isEmpty() || !DtmfDigits.isValid(digits)) {
      msg.fail(400, "digits must be a string of 0-9 * # A-D");
      return;
    }
    String callId = body.getString("callId");
    forward(msg, Addresses.CALL_DTMF, callId, new CallCommands.SendDigits(callId, digits), QUICK,
        reply -> new JsonObject().put("callId", callId).put("digits", digits));
  }

  private void transfer(Message<Object> msg) {
    JsonObject body = object(msg);
    if (body == null) {
      return;
    }
    if (!(body.getValue("to") instanceof String to) || !(to.startsWith("sip:") || to.startsWith("sips:"))) {
      msg.fail(400, "to must be a sip: or sips: URI");
      return;
    }
    String callId = body.getString("callId");
    forward(msg, Addresses.SIP_TRANSFER, callId, new SipCommands.Transfer(callId, to), PEER_WAIT,
        reply -> new JsonObject().put("callId", callId).put("status", ((CallCommands.Transferred) reply).status()));
  }

  private void recording(Message<Object> msg) {
    JsonObject body = object(msg);
    Boolean enabled = body == null ? null : flag(msg, body, "enabled");
    if (enabled == null) {
      return;
    }
    String callId = body.getString("callId");
    forward(msg, Addresses.CALL_RECORDING, callId, new RecordingCommands.Record(callId, enabled), QUICK,
        reply -> {
          RecordingCommands.Recording r = (RecordingCommands.Recording) reply;
          return new JsonObject().put("callId", callId).put("recording", r.recording()).put("file", r.path());
        });
  }

  /** The body as an object with a string callId, or null after answering 400. */
  private static JsonObject object(Message<Object> msg) {
    if (msg.body() instanceof JsonObject body && body.getValue("callId") instanceof String id && !id.isBlank()) {
      return body;
    }
    msg.fail(400, "the body must be a JSON object with a callId string");
    return null;
  }

  /** The body's boolean {@code key}, or null after answering 400. */
  private static Boolean flag(Message<Object> msg, JsonObject body, String key) {
    if (body.getValue(key) instanceof Boolean on) {
      return on;
    }
    msg.fail(400, key + " must be true or false");
    return null;
  }

  private void forward(Message<Object> msg, String address, String callId, Object command, DeliveryOptions options,
      Function<Object, JsonObject> answer) {
    calls.toOwner(address, callId, command, options).onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(answer.apply(ar.result()));
      } else {
        fail(msg, ar.cause());
      }
    });
  }

  private static void fail(Message<Object> msg, Throwable err) {
    if (err instanceof ReplyException e && e.failureCode() > 0) {
      msg.fail(e.failureCode(), e.getMessage());
    } else {
      msg.fail(500, String.valueOf(err.getMessage()));
    }
  }
}
