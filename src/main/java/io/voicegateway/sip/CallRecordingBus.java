package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.RecordingCommands;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.Recordings;
import io.voicegateway.control.policy.CallRecording;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Call recording over the event bus: call control's {@link Recordings} as requests to the recorder on the media
 * side, the API's {@link Addresses#CALL_RECORDING} served through call control's {@link CallRecording}, and a call's
 * answer and end handed to it. Runs on the SIP verticle's context, where the calls live.
 */
final class CallRecordingBus implements Recordings {
  private static final Logger LOG = Logger.getLogger(CallRecordingBus.class.getName());
  private final Vertx vertx;
  private final LongSupplier clock;

  CallRecordingBus(Vertx vertx, LongSupplier clock) {
    this.vertx = vertx;
    this.clock = clock;
  }

  @Override
  public Future<String> start(String callId, String callerLegId) {
    return vertx.eventBus()
        .<RecordingCommands.Started>request(Addresses.MEDIA_RECORDING_START, new RecordingCommands.Start(callId,
            callerLegId))
        .map(msg -> msg.body().path()).recover(CallRecordingBus::asCallFailure);
  }

  @Override
  public Future<String> pause(String callId) {
    return stop(callId, false);
  }

  @Override
  public Future<String> finish(String callId) {
    return stop(callId, true);
  }

  private Future<String> stop(String callId, boolean finish) {
    return vertx.eventBus()
        .<RecordingCommands.Stopped>request(Addresses.MEDIA_RECORDING_STOP, new RecordingCommands.Stop(callId, finish))
        .map(msg -> msg.body().path()).recover(CallRecordingBus::asCallFailure);
  }

  /** The recorder's 404/409 stay what they are; no recorder at all is a 503. */
  private static <T> Future<T> asCallFailure(Throwable err) {
    if (err instanceof ReplyException r) {
      int code = r.failureCode() > 0 ? r.failureCode() : 503;
      return Future.failedFuture(CallFailure.of(code, "recorder: " + r.getMessage()));
    }
    return Future.failedFuture(err);
  }

  /** Builds call control's recording policy over this and serves the API and the calls' events. Call once. */
  CallRecording listen(CallRegistry calls, CallLifecycle lifecycle) {
    CallRecording recording = new CallRecording(this, lifecycle);
    vertx.eventBus().<RecordingCommands.Record>consumer(Addresses.CALL_RECORDING,
        msg -> command(calls, recording, msg));
    vertx.eventBus().<CallEvent>consumer(Addresses.CALL_EVENTS, msg -> {
      CallEvent event = msg.body();
      if (event.type() == CallEventType.CALL_CONNECTED) {
        calls.byId(event.callId()).ifPresent(recording::answered);
      } else if (event.type() == CallEventType.CALL_TERMINATED) {
        recording.ended(event.callId(), path -> vertx.eventBus().publish(Addresses.CALL_EVENTS,
                event.next(CallEventType.RECORDING_STOPPED, path, clock.getAsLong())))
            .onFailure(err -> LOG.log(Level.WARNING, "call " + event.callId() + ": recording not finished", err));
      }
    });
    return recording;
  }

  private static void command(CallRegistry calls, CallRecording recording, Message<RecordingCommands.Record> msg) {
    RecordingCommands.Record cmd = msg.body();
    Call call = cmd.callId() == null ? null : calls.byId(cmd.callId()).orElse(null);
    if (call == null) {
      msg.fail(404, "no call " + cmd.callId());
      return;
    }
    (cmd.on() ? recording.start(call) : recording.stop(call)).onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(new RecordingCommands.Recording(call.id(), cmd.on(), ar.result()));
      } else if (ar.cause() instanceof CallFailure f) {
        msg.fail(f.status(), f.getMessage());
      } else {
        LOG.log(Level.WARNING, "call " + call.id() + ": recording " + (cmd.on() ? "start" : "stop"), ar.cause());
        msg.fail(500, String.valueOf(ar.cause().getMessage()));
      }
    });
  }
}
