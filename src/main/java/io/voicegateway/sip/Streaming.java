package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A call's 16 kHz audio feed seen from the SIP side. The media side runs the feed; this class finds the
 * call, asks media to start or stop it, and brackets it with AUDIO_STARTED / AUDIO_STOPPED, which must carry
 * the call's From/To/X- headers that only the SIP side knows. Media alone knows whether a feed runs (its
 * replies say whether a start or stop changed anything), so this class keeps no state of its own.
 *
 * <p>The bracket events have a reason starting with {@code "stream"}, which tells them apart from the RTP
 * watchdog's AUDIO_STARTED/AUDIO_STOPPED (reason null). Runs on the SIP verticle's context.
 */
public final class Streaming {
  private static final Logger LOG = Logger.getLogger(Streaming.class.getName());
  /** Reason of the bracket events when the API or a bridge command started or stopped the feed. */
  public static final String REASON = "stream";
  /** Reason of the AUDIO_STOPPED that follows CALL_TERMINATED of a streaming call. */
  public static final String REASON_CALL_ENDED = "stream:call ended";

  private Streaming() {}

  /**
   * Serves {@link Addresses#SIP_STREAM} and stops a call's feed once the call has ended. Call once, from
   * {@code SipVerticle.start}.
   */
  static void listen(SipServices s) {
    s.vertx.eventBus().<SipCommands.Stream>consumer(Addresses.SIP_STREAM, msg -> command(s, msg));
    s.vertx.eventBus().<CallEvent>consumer(Addresses.CALL_EVENTS, msg -> {
      if (msg.body().type() == CallEventType.CALL_TERMINATED) {
        stopAfterEnd(s, msg.body());
      }
    });
  }

  /**
   * Starts the call's feed on {@link Addresses#audio(String)} and publishes AUDIO_STARTED (reason
   * {@code "stream"}, or {@code "stream:NAME"} for a route's {@code stream: NAME}). Legs the call gains
   * later join the feed. Completes with true when the feed was started, false when it already ran.
   *
   * @param streamName the route's stream name, or null when the API or a bridge command asked
   */
  public static Future<Boolean> start(SipServices s, Call call, String streamName) {
    return s.vertx.eventBus()
        .<Boolean>request(Addresses.MEDIA_STREAM_START,
            new MediaCommands.StreamStart(call.id(), Addresses.audio(call.id())))
        .map(reply -> {
          if (reply.body() && call.state() == CallState.TERMINATED) {
            // The call ended while media was starting the feed: its end-of-call stop may have come first.
            s.vertx.eventBus().send(Addresses.MEDIA_STREAM_STOP, new MediaCommands.StreamStop(call.id()));
            return false;
          }
          if (reply.body()) {
            s.publish(call, CallEventType.AUDIO_STARTED, streamName == null ? REASON : REASON + ":" + streamName);
          }
          return reply.body();
        });
  }

  /** Stops the call's feed and publishes AUDIO_STOPPED; true when a feed was running. */
  public static Future<Boolean> stop(SipServices s, Call call) {
    return s.vertx.eventBus()
        .<Boolean>request(Addresses.MEDIA_STREAM_STOP, new MediaCommands.StreamStop(call.id()))
        .map(reply -> {
          if (reply.body()) {
            s.publish(call, CallEventType.AUDIO_STOPPED, REASON);
          }
          return reply.body();
        });
  }

  private static void command(SipServices s, Message<SipCommands.Stream> msg) {
    SipCommands.Stream cmd = msg.body();
    Call call = cmd.callId() == null ? null : s.calls().byId(cmd.callId()).orElse(null);
    if (call == null) {
      msg.fail(404, "no call " + cmd.callId());
      return;
    }
    (cmd.enabled() ? start(s, call, null) : stop(s, call))
        .onSuccess(changed -> msg.reply(new JsonObject().put("callId", call.id()).put("streaming", cmd.enabled())
            .put("address", Addresses.audio(call.id()))))
        .onFailure(err -> msg.fail(500, "media did not " + (cmd.enabled() ? "start" : "stop") + " the feed: "
            + err.getMessage()));
  }

  /**
   * The call is gone (its legs are closing): stop the feed if one ran, then publish AUDIO_STOPPED with the
   * identity of the CALL_TERMINATED event, so the bracket closes for every ending the SIP side has.
   */
  private static void stopAfterEnd(SipServices s, CallEvent terminated) {
    s.vertx.eventBus()
        .<Boolean>request(Addresses.MEDIA_STREAM_STOP, new MediaCommands.StreamStop(terminated.callId()))
        .onSuccess(reply -> {
          if (reply.body()) {
            s.vertx.eventBus().publish(Addresses.CALL_EVENTS,
                terminated.next(CallEventType.AUDIO_STOPPED, REASON_CALL_ENDED, s.now()));
          }
        })
        .onFailure(err -> LOG.log(Level.WARNING, "call " + terminated.callId() + ": media did not stop its feed",
            err));
  }
}
