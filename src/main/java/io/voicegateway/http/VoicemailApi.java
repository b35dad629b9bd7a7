package io.voicegateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.VoicemailMessages.BoxSummary;
import io.voicegateway.bus.VoicemailMessages.Boxes;
import io.voicegateway.bus.VoicemailMessages.BoxesQuery;
import io.voicegateway.bus.VoicemailMessages.Message;
import io.voicegateway.bus.VoicemailMessages.MessageRef;
import io.voicegateway.bus.VoicemailMessages.Messages;
import io.voicegateway.bus.VoicemailMessages.MessagesQuery;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/voicemail}: boxes with their counts, a box's messages (newest first), a message's WAV, delete and
 * mark heard. Served over the bus by the voicemail app (bus.VoicemailMessages); this edge only translates.
 */
final class VoicemailApi {
  /** Box names and message ids as the gateway makes them: anything else cannot exist, so it is a 404 here. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private final Vertx vertx;

  VoicemailApi(Vertx vertx) {
    this.vertx = vertx;
  }

  void mount(Router api) {
    api.get("/voicemail").handler(this::boxes);
    api.get("/voicemail/:box/messages").handler(this::messages);
    api.get("/voicemail/:box/messages/:id/audio").handler(this::audio);
    api.delete("/voicemail/:box/messages/:id").handler(ctx -> ApiErrors.reply(ctx,
        request(Addresses.VOICEMAIL_DELETE, ref(ctx)).map(done -> null), 204));
    api.post("/voicemail/:box/messages/:id/heard").handler(ctx -> ApiErrors.reply(ctx,
        request(Addresses.VOICEMAIL_HEARD, ref(ctx)).map(done -> null), 204));
  }

  private void boxes(RoutingContext ctx) {
    ApiErrors.reply(ctx, this.<Boxes>request(Addresses.VOICEMAIL_BOXES, new BoxesQuery()).map(boxes -> {
      JsonArray list = new JsonArray();
      for (BoxSummary b : boxes.boxes()) {
        list.add(new JsonObject().put("box", b.box()).put("newMessages", b.newMessages())
            .put("totalMessages", b.totalMessages()));
      }
      return new JsonObject().put("boxes", list);
    }), 200);
  }

  private void messages(RoutingContext ctx) {
    String box = name(ctx, "box");
    ApiErrors.reply(ctx, this.<Messages>request(Addresses.VOICEMAIL_MESSAGES, new MessagesQuery(box)).map(page -> {
      JsonArray list = new JsonArray();
      page.messages().forEach(m -> list.add(json(m)));
      return new JsonObject().put("box", page.box()).put("messages", list);
    }), 200);
  }

  static JsonObject json(Message m) {
    return new JsonObject().put("id", m.id()).put("box", m.box()).put("caller", m.caller()).put("callId", m.callId())
        .put("receivedAt", m.receivedAt()).put("durationMs", m.durationMs()).put("heard", m.heard())
        .put("audio", "/api/v1/voicemail/" + m.box() + "/messages/" + m.id() + "/audio");
  }

  private void audio(RoutingContext ctx) {
    MessageRef ref = ref(ctx);
    this.<Buffer>request(Addresses.VOICEMAIL_AUDIO, ref).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else {
        ctx.response().putHeader("Content-Type", "audio/wav")
            .putHeader("Content-Disposition", "inline; filename=\"" + ref.box() + "-" + ref.id() + ".wav\"")
            .end(ar.result());
      }
    });
  }

  private static MessageRef ref(RoutingContext ctx) {
    return new MessageRef(name(ctx, "box"), name(ctx, "id"));
  }

  private static String name(RoutingContext ctx, String param) {
    String value = ctx.pathParam(param);
    if (value == null || !NAME.matcher(value).matches()) {
      throw new ApiException(404, "no voicemail " + param + " '" + value + "'");
    }
    return value;
  }

  private <T> Future<T> request(String address, Object body) {
    return vertx.eventBus().<T>request(address, body, new DeliveryOptions().setSendTimeout(15_000))
        .map(io.vertx.core.eventbus.Message::body);
  }
}
