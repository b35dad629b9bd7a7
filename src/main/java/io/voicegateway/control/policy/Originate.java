package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Destination;
import io.voicegateway.control.Dial;
import io.voicegateway.control.DialOutcome;
import io.voicegateway.control.Dialer;
import io.voicegateway.control.Leg;
import io.voicegateway.control.Status;
import io.voicegateway.control.route.RouteTarget;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The gateway as the caller (the API's originate, the first leg of click-to-call) and the API's hang-up and cancel:
 * a new call whose first leg is dialled; answered, its media joins and the requested app is attached; refused, the
 * call ends and the future fails with the far side's status ({@link CallFailure}: 408 no answer, 487 cancelled,
 * 503 no media). Runs on the context that owns the calls.
 */
public final class Originate {
  private final Dialer dialer;
  private final CallRegistry calls;
  private final CallLifecycle lifecycle;
  private final Teardown teardown;
  private final AttachTarget attach;
  private final LongSupplier clock;

  /** @param clock the epoch milliseconds the call's timestamps use */
  public Originate(Dialer dialer, CallRegistry calls, CallLifecycle lifecycle, Teardown teardown,
      AttachTarget attach, LongSupplier clock) {
    this.dialer = dialer;
    this.calls = calls;
    this.lifecycle = lifecycle;
    this.teardown = teardown;
    this.attach = attach;
    this.clock = clock;
  }

  /**
   * What to call.
   *
   * @param destination   who, as the dialer of its kind reaches it
   * @param from          our URI, as the call's events show the caller
   * @param to            the called URI
   * @param correlationId the first leg's own id (the SIP Call-ID), carried by the events
   * @param fromUser      the user the destination sees calling
   * @param headers       extra headers toward the destination; its X- headers also travel in the call's events
   * @param app           an app to attach once answered (e.g. "echo"), or null
   */
  public record Request(Destination destination, String from, String to, String correlationId, String fromUser,
      Map<String, String> headers, String app) {}

  /** Places the call; completes with its id once answered, fails with a {@link CallFailure}. */
  public Future<String> place(Request request) {
    Call call = new Call(CallDirection.OUTBOUND, request.from(), request.to(), request.correlationId(),
        xOnly(request.headers()), clock.getAsLong());
    calls.add(call);
    Promise<String> result = Promise.promise();
    Dial[] dial = new Dial[1];
    Future<Dial> prepared = dialer.prepare(call, request.destination(), request.fromUser(), request.headers(),
        outcome -> {
          if (outcome instanceof DialOutcome.Answered) {
            answered(call, dial[0], request.app()).onComplete(result);
          } else if (outcome instanceof DialOutcome.Failed f) {
            teardown.hangUp(call, "outbound " + f.status() + " " + f.reason())
                .onComplete(x -> result.fail(CallFailure.of(f.status(), f.reason())));
          } else { // ringing, or early media: the gateway hears no early media of a call it places
            call.ringing().ifPresent(type -> lifecycle.publish(call, type, null));
          }
        });
    lifecycle.publish(call, CallEventType.CALL_STARTED, null);
    prepared.onSuccess(d -> {
      dial[0] = d;
      d.start();
    }).onFailure(err -> {
      lifecycle.terminate(call, "no media port");
      result.fail(CallFailure.of(Status.SERVICE_UNAVAILABLE, "no media port"));
    });
    return result.future();
  }

  private Future<String> answered(Call call, Dial dial, String app) {
    if (call.state() == CallState.TERMINATED) { // hung up while the answer was on its way
      return teardown.hangUp(call, "hung up")
          .transform(x -> Future.failedFuture(CallFailure.of(Status.REQUEST_TERMINATED, "cancelled")));
    }
    dial.join();
    if (app != null) {
      call.target(RouteTarget.app(app));
      attach.attach(call);
    }
    lifecycle.moveTo(call, CallState.CONNECTED, null);
    return Future.succeededFuture(call.id());
  }

  /** Ends a call: hung up when connected, cancelled or refused while being set up. Fails 404 for an unknown id. */
  public Future<Void> hangUp(String callId, String reason) {
    Call call = calls.byId(callId).orElse(null);
    if (call == null) {
      return Future.failedFuture(CallFailure.of(Status.NOT_FOUND, "no call " + callId));
    }
    boolean settingUp = call.legs().stream().anyMatch(l -> l.endpoint() != null && l.endpoint().pending());
    // A call still being set up is not queued behind its own setup, which may wait for a long time.
    return settingUp ? teardown.hangUp(call, reason) : call.enqueue(() -> teardown.hangUp(call, reason));
  }

  /** Gives up on a call of ours still ringing out; fails 481 when the call is unknown or already answered. */
  public Future<Void> cancel(String callId) {
    Call call = calls.byId(callId).orElse(null);
    if (call == null || call.legs().stream().noneMatch(Originate::ringingOut)) {
      return Future.failedFuture(CallFailure.of(Status.CALL_DOES_NOT_EXIST, "no pending outbound INVITE for " + callId));
    }
    return teardown.hangUp(call, "cancelled");
  }

  private static boolean ringingOut(Leg leg) {
    return leg.direction() == CallDirection.OUTBOUND && leg.endpoint() != null && leg.endpoint().pending();
  }

  /** The X- headers: what the call's events carry of the request's headers. */
  private static Map<String, String> xOnly(Map<String, String> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    headers.forEach((k, v) -> {
      if (k.regionMatches(true, 0, "X-", 0, 2)) {
        out.put(k, v);
      }
    });
    return out;
  }
}
