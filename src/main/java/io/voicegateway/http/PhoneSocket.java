package io.voicegateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.WebRtcCommands;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The dashboard phone's half of one authenticated dashboard socket: the page's JSON requests (log in as a device,
 * the WebRTC offer and link of docs/webrtc.md, close, decline) go to call control over the bus under this socket's
 * {@code owner}, a random id, and come back as replies that echo the request's optional {@code id}; a failure is
 * {@code {type:"error", id, op, status, message}}. What call control tells this phone (incoming, cancelled, ended)
 * is relayed from {@code Addresses.phone(owner)}. When the socket closes, everything it set up ends (PhoneGone).
 */
final class PhoneSocket {
  private static final Logger LOG = Logger.getLogger(PhoneSocket.class.getName());
  /** The media side opens a UDP port and may make the process's DTLS certificate first. */
  private static final DeliveryOptions MEDIA_WAIT = new DeliveryOptions().setSendTimeout(15_000);
  private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(10_000);

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final String owner = UUID.randomUUID().toString();
  private final MessageConsumer<WebRtcCommands.PhoneEvent> events;

  private PhoneSocket(Vertx vertx, ServerWebSocket ws) {
    this.vertx = vertx;
    this.ws = ws;
    this.events = vertx.eventBus().consumer(Addresses.phone(owner), msg -> write(eventJson(msg.body())));
  }

  /** Serves the phone on {@code ws}; call {@link #closed} when the socket closes. */
  static PhoneSocket open(Vertx vertx, ServerWebSocket ws) {
    PhoneSocket phone = new PhoneSocket(vertx, ws);
    ws.textMessageHandler(phone::received);
    return phone;
  }

  /** The socket closed: the relay stops, and call control ends whatever this page set up. */
  void closed() {
    events.unregister();
    vertx.eventBus().send(Addresses.WEBRTC_GONE, new WebRtcCommands.PhoneGone(owner));
  }

  private void received(String text) {
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (DecodeException e) {
      write(error(null, null, 400, "a message must be a JSON object"));
      return;
    }
    Object id = msg.getValue("id");
    Object type = msg.getValue("type");
    try {
      dispatch(msg, String.valueOf(type))
          .onSuccess(reply -> write(reply.put("id", id)))
          .onFailure(err -> write(error(id, type, ApiErrors.status(err), err.getMessage())));
    } catch (ClassCastException e) {
      write(error(id, type, 400, "a field of " + type + " is not a string"));
    }
  }

  private Future<JsonObject> dispatch(JsonObject m, String type) {
    return switch (type) {
      case "phone.register" -> this.<WebRtcCommands.PhoneRegistered>ask(Addresses.WEBRTC_REGISTER,
          new WebRtcCommands.PhoneRegister(owner, m.getString("device"), m.getString("password")), QUICK,
          r -> reply("phone.registered").put("device", r.device()));
      case "webrtc.offer" -> this.<WebRtcCommands.SessionAnswer>ask(Addresses.WEBRTC_OFFER,
          new WebRtcCommands.SessionOffer(owner, m.getString("sessionId"), m.getString("sdp")), MEDIA_WAIT,
          r -> reply("webrtc.answer").put("sessionId", r.sessionId()).put("sdp", r.sdp()));
      case "webrtc.link" -> this.<WebRtcCommands.SessionLinked>ask(Addresses.WEBRTC_LINK,
          new WebRtcCommands.SessionLink(owner, m.getString("sessionId"), m.getString("callId")), MEDIA_WAIT,
          r -> reply("webrtc.linked").put("sessionId", r.sessionId()).put("callId", r.callId()));
      case "webrtc.close" -> this.<WebRtcCommands.SessionClose>ask(Addresses.WEBRTC_CLOSE,
          new WebRtcCommands.SessionClose(owner, m.getString("sessionId")), QUICK,
          r -> reply("webrtc.closed").put("sessionId", r.sessionId()));
      case "phone.decline" -> this.<WebRtcCommands.PhoneDecline>ask(Addresses.WEBRTC_DECLINE,
          new WebRtcCommands.PhoneDecline(owner, m.getString("callId")), QUICK,
          r -> reply("phone.declined").put("callId", r.callId()));
      default -> Future.failedFuture(new ApiException(400, "unknown message type '" + type + "'"));
    };
  }

  private <R> Future<JsonObject> ask(String address, Record request, DeliveryOptions options,
      Function<R, JsonObject> reply) {
    return vertx.eventBus().<R>request(address, request, options).map(Message::body).map(reply);
  }

  private static JsonObject reply(String type) {
    return new JsonObject().put("type", type);
  }

  static JsonObject eventJson(WebRtcCommands.PhoneEvent e) {
    return switch (e.type()) {
      case INCOMING -> reply("phone.incoming").put("callId", e.callId()).put("from", e.from()).put("to", e.to());
      case CANCELLED -> reply("phone.cancelled").put("callId", e.callId());
      case ENDED -> reply("phone.ended").put("callId", e.callId()).put("reason", e.reason());
    };
  }

  static JsonObject error(Object id, Object op, int status, String message) {
    return reply("error").put("id", id).put("op", op).put("status", status).put("message", message);
  }

  private void write(JsonObject message) {
    if (ws.isClosed()) {
      LOG.fine(() -> "phone socket " + owner + " closed; dropped " + message.getString("type"));
      return;
    }
    ws.writeTextMessage(message.encode());
  }
}
