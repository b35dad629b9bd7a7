package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.control.AudioFeeds;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.policy.AudioFeed;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A call's audio feed over the event bus: call control's {@link AudioFeeds} as requests to the media side, the
 * {@link Addresses#SIP_STREAM} command served through call control's {@link AudioFeed}, and a call's end handed to
 * {@link AudioFeed#ended}, whose AUDIO_STOPPED this class publishes with the identity of the CALL_TERMINATED event.
 * Runs on the SIP verticle's context.
 */
final class Streaming implements AudioFeeds {
  private static final Logger LOG = Logger.getLogger(Streaming.class.getName());
  private final Vertx vertx;
  private final LongSupplier clock;

  Streaming(Vertx vertx, LongSupplier clock) {
    this.vertx = vertx;
    this.clock = clock;
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

  /**
   * Serves {@link Addresses#SIP_STREAM} and stops a call's feed once the call has ended. Call once, from
   * {@code SipVerticle.start}.
   */
  void listen(CallRegistry calls, AudioFeed feed) {
    vertx.eventBus().<SipCommands.Stream>consumer(Addresses.SIP_STREAM, msg -> command(calls, feed, msg));
    vertx.eventBus().<CallEvent>consumer(Addresses.CALL_EVENTS, msg -> {
      if (msg.body().type() == CallEventType.CALL_TERMINATED) {
        stopAfterEnd(feed, msg.body());
      }
    });
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

  /**
   * The call is gone: call control's {@link AudioFeed#ended} decides, and its AUDIO_STOPPED carries the identity of
   * the CALL_TERMINATED event.
   */
  private void stopAfterEnd(AudioFeed feed, CallEvent terminated) {
    feed.ended(terminated.callId(), () -> vertx.eventBus().publish(Addresses.CALL_EVENTS,
            terminated.next(CallEventType.AUDIO_STOPPED, AudioFeed.REASON_CALL_ENDED, clock.getAsLong())))
        .onFailure(err -> LOG.log(Level.WARNING, "call " + terminated.callId() + ": media did not stop its feed",
            err));
  }
}
