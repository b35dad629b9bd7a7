package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Recordings;
import io.voicegateway.control.route.RouteTarget;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When a call is recorded: a route with {@code record: true} from the call's answer (once: a transfer or a
 * re-answer does not start it again, a stop through the API is not undone), the API's start and stop on a live call,
 * and the call's end, which finishes the file. The recording belongs to the call, so a transfer that keeps the call
 * keeps it running. Each running stretch is bracketed by RECORDING_STARTED / RECORDING_STOPPED with the file's path
 * as the reason. Runs on the context that owns the calls, like every policy, so its state needs no lock.
 */
public final class CallRecording {
  private static final Logger LOG = Logger.getLogger(CallRecording.class.getName());

  private final Recordings recordings;
  private final CallLifecycle lifecycle;
  /** Calls whose route's recording was started: never again by the route. */
  private final Set<String> routeStarted = new HashSet<>();
  /** Calls being recorded now (a start in progress counts), by call id. */
  private final Set<String> running = new HashSet<>();
  /** Calls with a file (running or paused), the file's path by call id: their end finishes it. */
  private final Map<String, String> files = new HashMap<>();

  public CallRecording(Recordings recordings, CallLifecycle lifecycle) {
    this.recordings = recordings;
    this.lifecycle = lifecycle;
  }

  /** The call was answered (CALL_CONNECTED, also after a transfer): a recorded route starts recording, once. */
  public void answered(Call call) {
    RouteTarget target = call.target();
    if (target != null && target.record() && routeStarted.add(call.id())) {
      start(call).onFailure(err -> LOG.log(Level.WARNING, "call " + call.id() + ": recording not started", err));
    }
  }

  /** Whether the call is being recorded now. */
  public boolean recording(String callId) {
    return running.contains(callId);
  }

  /**
   * Starts (or after a stop, resumes) recording the call, its first leg on the left; completes with the file's
   * path. Fails 409 when it is already being recorded.
   */
  public Future<String> start(Call call) {
    if (call.state() == CallState.TERMINATED) {
      return Future.failedFuture(CallFailure.of(404, "call " + call.id() + " has ended"));
    }
    if (call.legs().isEmpty()) {
      return Future.failedFuture(CallFailure.of(409, "call " + call.id() + " has no party to record yet"));
    }
    if (!running.add(call.id())) {
      return Future.failedFuture(CallFailure.of(409, "call " + call.id() + " is already being recorded"));
    }
    return recordings.start(call.id(), call.legs().get(0).id()).andThen(ar -> {
      if (ar.failed()) {
        running.remove(call.id());
        return;
      }
      files.put(call.id(), ar.result());
      if (call.state() == CallState.TERMINATED) {
        // The call ended while media was starting: its end may have come first and found nothing to finish.
        running.remove(call.id());
        finish(call.id(), path -> { });
      } else {
        lifecycle.publish(call, CallEventType.RECORDING_STARTED, ar.result());
      }
    });
  }

  /** Stops recording the call (the file stays for a later start); fails 409 when it is not being recorded. */
  public Future<String> stop(Call call) {
    if (!running.remove(call.id())) {
      return Future.failedFuture(CallFailure.of(409, "call " + call.id() + " is not being recorded"));
    }
    return recordings.pause(call.id()).andThen(ar -> {
      if (ar.succeeded()) {
        lifecycle.publish(call, CallEventType.RECORDING_STOPPED, ar.result());
      } else {
        running.add(call.id()); // media did not pause it: it still runs
      }
    });
  }

  /**
   * The call ended: its recording (running or paused) is finished. {@code announceStopped} gets the file's path when
   * the recording was running, so RECORDING_STOPPED closes the bracket; it carries the identity of CALL_TERMINATED,
   * so the caller publishes it. Completes with whether there was a recording.
   */
  public Future<Boolean> ended(String callId, Consumer<String> announceStopped) {
    routeStarted.remove(callId);
    boolean wasRunning = running.remove(callId);
    if (!files.containsKey(callId)) {
      return Future.succeededFuture(false);
    }
    return finish(callId, wasRunning ? announceStopped : path -> { }).map(true);
  }

  private Future<String> finish(String callId, Consumer<String> announce) {
    files.remove(callId);
    return recordings.finish(callId).onSuccess(announce::accept);
  }
}
