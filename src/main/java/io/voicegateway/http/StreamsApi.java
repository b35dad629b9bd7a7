package io.voicegateway.http;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallBus;
import io.voicegateway.bus.StreamCommands;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named voice-AI streams on a live call (docs/api.md, docs/streaming.md): {@code POST /api/v1/calls/{id}/streams
 * {name, customParameters?}} opens stream NAME of the {@code streaming:} section and answers 201 once the consumer
 * got {@code start}; {@code GET} lists the call's streams; {@code DELETE .../streams/{streamSid}} sends {@code stop}
 * and closes it while the call goes on. The stream verticle decides over the bus ({@link StreamCommands}); its
 * failures carry the status (400 unknown name, 404, 409 already running, 502 consumer unreachable, 503). In a cluster
 * each request goes to the node that holds the call ({@link CallBus}), which has the call's feed and opens the stream.
 */
final class StreamsApi {
  /** The reply waits for the consumer's handshake: longer than any sensible {@code connect_timeout}. */
  private static final DeliveryOptions CONNECT_WAIT = new DeliveryOptions().setSendTimeout(65_000);
  private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(10_000);
  private final CallBus calls;

  StreamsApi(CallBus calls) {
    this.calls = calls;
  }

  void mount(Router api) {
    api.post("/calls/:id/streams").handler(this::start);
    api.get("/calls/:id/streams").handler(this::list);
    api.delete("/calls/:id/streams/:sid").handler(this::stop);
  }

  private void start(RoutingContext ctx) {
    JsonObject body = ApiBodies.json(ctx);
    String name = ApiBodies.text(body, "name");
    StreamCommands.Start start = new StreamCommands.Start(ctx.pathParam("id"), name,
        parameters(body.getValue("customParameters")));
    ApiErrors.reply(ctx, calls.<StreamCommands.Started>toOwner(Addresses.STREAM_START, start.callId(), start,
        CONNECT_WAIT).map(StreamsApi::json), 201);
  }

  private void list(RoutingContext ctx) {
    String callId = ctx.pathParam("id");
    ApiErrors.reply(ctx, calls.<StreamCommands.Streams>toOwner(Addresses.STREAM_QUERY, callId,
        new StreamCommands.Query(callId), QUICK).map(found -> {
          JsonArray streams = new JsonArray();
          found.streams().forEach(s -> streams.add(json(s)));
          return new JsonObject().put("callId", callId).put("streams", streams);
        }), 200);
  }

  private void stop(RoutingContext ctx) {
    String callId = ctx.pathParam("id");
    ApiErrors.reply(ctx, calls.toOwner(Addresses.STREAM_STOP, callId,
        new StreamCommands.Stop(callId, ctx.pathParam("sid")), QUICK).map(reply -> null), 204);
  }

  private static JsonObject json(StreamCommands.Started started) {
    return new JsonObject().put("callId", started.callId()).put("name", started.name())
        .put("streamSid", started.streamSid());
  }

  /** {@code customParameters}: absent, or an object of strings (numbers and booleans as their text). */
  static Map<String, String> parameters(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject object)) {
      throw ApiException.badRequest("'customParameters' must be an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : object) {
      Object v = e.getValue();
      if (!(v instanceof String || v instanceof Number || v instanceof Boolean) || e.getKey().isBlank()) {
        throw ApiException.badRequest("'customParameters." + e.getKey() + "' must be a string");
      }
      out.put(e.getKey(), v.toString());
    }
    return out;
  }
}
