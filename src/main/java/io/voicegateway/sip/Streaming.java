package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.control.AudioFeeds;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.policy.AudioFeed;

/**
 * A call's audio feed over the event bus: call control's {@link AudioFeeds} as requests to the media side, and the
 * {@link Addresses#SIP_STREAM} command served through call control's {@link AudioFeed} (which also stops a feed
 * when its call ends). Runs on the SIP verticle's context.
 */
final class Streaming implements AudioFeeds {
  private final Vertx vertx;

  Streaming(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Boolean> start(Call call) {
    return vertx.eventBus()
        .<Boolean>request(Addresses.MEDIA_STREAM_START,
            new MediaCommands.StreamStart(call.id(), Addresses.audio(call.id())))
        .map(Message::body);
  }

  @Override
  public Future<Boolean> stop(String callId) {
    return vertx.eventBus()
        .<Boolean>request(Addresses.MEDIA_STREAM_STOP, new MediaCommands.StreamStop(callId))
        .map(Message::body);
  }

  /** Serves {@link Addresses#SIP_STREAM}. Call once, from {@code SipVerticle.start}. */
  void listen(CallRegistry calls, AudioFeed feed) {
    vertx.eventBus().<SipCommands.Stream>consumer(Addresses.SIP_STREAM, msg -> command(calls, feed, msg));
  }

  private static void command(CallRegistry calls, AudioFeed feed, Message<SipCommands.Stream> msg) {
    SipCommands.Stream cmd = msg.body();
    Call call = cmd.callId() == null ? null : calls.byId(cmd.callId()).orElse(null);
    if (call == null) {
      msg.fail(404, "no call " + cmd.callId());
      return;
    }
    (cmd.enabled() ? feed.start(call, null) : feed.stop(call))
        .onSuccess(changed -> msg.reply(new JsonObject().put("callId", call.id()).put("streaming", cmd.enabled())
            .put("address", Addresses.audio(call.id()))))
        .onFailure(err -> msg.fail(500, "media did not " + (cmd.enabled() ? "start" : "stop") + " the feed: "
            + err.getMessage()));
  }
}
