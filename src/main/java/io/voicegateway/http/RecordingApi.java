package io.voicegateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallBus;
import io.voicegateway.bus.RecordingCommands;

/**
 * Call recording in the API: {@code POST /api/v1/calls/{id}/recording} starts (or resumes) recording a live call,
 * {@code DELETE} stops it (404 unknown call, 409 already / not recording; call control decides, over the bus), and
 * {@code GET /api/v1/history/{id}/recording} downloads a finished call's WAV. The history answers where the file is
 * (it lives on this node, beside the history database) and the file is streamed from disk by Vert.x, never read
 * on the event loop.
 */
final class RecordingApi {
  private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(10_000);
  private final Vertx vertx;

  private final CallBus calls;

  RecordingApi(Vertx vertx, CallBus calls) {
    this.vertx = vertx;
    this.calls = calls;
  }

  void mount(Router api) {
    api.post("/calls/:id/recording").handler(ctx -> record(ctx, true));
    api.delete("/calls/:id/recording").handler(ctx -> record(ctx, false));
    api.get("/history/:id/recording").handler(this::download);
  }

  private void record(RoutingContext ctx, boolean on) {
    String callId = ctx.pathParam("id");
    ApiErrors.reply(ctx, calls.<RecordingCommands.Recording>toOwner(Addresses.CALL_RECORDING, callId,
            new RecordingCommands.Record(callId, on), QUICK)
        .map(rec -> new JsonObject().put("callId", callId).put("recording", rec.recording())), 200);
  }

  private void download(RoutingContext ctx) {
    String callId = ctx.pathParam("id");
    vertx.eventBus().<RecordingCommands.File>request(Addresses.HISTORY_RECORDING,
            new RecordingCommands.FileQuery(callId), QUICK)
        .compose(msg -> {
          String path = msg.body().path();
          ctx.response().putHeader("Content-Type", "audio/wav")
              .putHeader("Content-Disposition", "attachment; filename=\"" + callId.replaceAll("[^A-Za-z0-9._-]", "_")
                  + ".wav\"");
          return ctx.response().sendFile(path);
        })
        .onFailure(err -> {
          if (!ctx.response().headWritten()) {
            ctx.fail(err);
          }
        });
  }
}
