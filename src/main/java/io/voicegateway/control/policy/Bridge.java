package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.Destination;
import io.voicegateway.control.Dialer;
import io.voicegateway.control.Endpoint;
import io.voicegateway.control.Leg;
import io.voicegateway.control.Scheduler;
import io.voicegateway.control.Status;
import io.voicegateway.control.route.RouteTarget;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Connects an unanswered caller to devices or a trunk, as a B2BUA: a {@link Fork} rings the destinations; their
 * ringing reaches the caller as progress without media (the caller rings locally), except the first branch
 * offering early media: that media (a trunk's ringback or announcement) reaches the caller through the mixer,
 * behind the caller's own early media. The first answer answers the caller, and the legs talk through the
 * mixer, each in its own codec. No answer: the route's {@code on_no_answer} target (an app or stream answers the
 * caller, devices are rung in turn), else the fork's status (480 after the ring timeout).
 */
public final class Bridge {
  private final Dialer dialer;
  private final Scheduler scheduler;
  private final Function<RouteTarget, List<? extends Destination>> destinations;
  private final CallLifecycle lifecycle;

  /** @param destinations turns a routed target into the destinations to ring (device bindings, a trunk) */
  public Bridge(Dialer dialer, Scheduler scheduler, Function<RouteTarget, List<? extends Destination>> destinations,
      CallLifecycle lifecycle) {
    this.dialer = dialer;
    this.scheduler = scheduler;
    this.destinations = destinations;
    this.lifecycle = lifecycle;
  }

  /** The caller while its target rings. */
  public record Caller(Endpoint endpoint, String user, Map<String, String> headers, boolean takesEarlyMedia) {}

  /**
   * Rings {@code target} for {@code caller}, a leg of {@code call} not answered yet. Completes once the caller is
   * settled: answered, refused, or gone.
   */
  public Future<Void> ring(Call call, Caller caller, RouteTarget target) {
    if (!caller.endpoint().pending()) {
      return Future.succeededFuture();
    }
    Promise<Void> settled = Promise.promise();
    Set<Integer> relayed = new HashSet<>();
    Endpoint endpoint = caller.endpoint();
    Fork fork = new Fork(dialer, scheduler, call, caller.user(), caller.headers(), new Fork.Listener() {
      /** The caller got its early media (after a bare 183, if one was relayed first). */
      private boolean earlyAnswered;

      @Override
      public void progress(int status) {
        relay(call, endpoint, status, relayed);
      }

      @Override
      public boolean takesEarlyMedia() {
        return caller.takesEarlyMedia();
      }

      @Override
      public void earlyMedia(Leg branch, int status) {
        if (endpoint.pending() && !earlyAnswered) {
          earlyAnswered = true;
          relayed.add(Status.SESSION_PROGRESS);
          endpoint.earlyMedia();
          ringing(call);
        }
      }

      @Override
      public void answered(Leg winner) {
        endpoint.answer().onComplete(settled);
      }

      @Override
      public void failed(int status, String reason) {
        noAnswer(call, caller, target, status, reason).onComplete(settled);
      }
    });
    fork.start(destinations.apply(target), target.ringTimeout());
    return settled.future();
  }

  /** The first ringing and the first session progress of any branch, without media. */
  private void relay(Call call, Endpoint caller, int status, Set<Integer> relayed) {
    int relay = status == Status.SESSION_PROGRESS ? Status.SESSION_PROGRESS : Status.RINGING;
    if (caller.pending() && relayed.add(relay)) {
      caller.progress(relay);
      ringing(call);
    }
  }

  private void ringing(Call call) {
    call.ringing().ifPresent(type -> lifecycle.publish(call, type, null));
  }

  private Future<Void> noAnswer(Call call, Caller caller, RouteTarget target, int status, String reason) {
    if (!caller.endpoint().pending()) {
      return Future.succeededFuture();
    }
    RouteTarget fallback = target.onNoAnswer();
    if (fallback != null && fallback.answeredHere()) {
      call.target(fallback);
      return caller.endpoint().answer();
    }
    if (fallback != null && fallback.kind() == RouteTarget.Kind.DEVICES) {
      call.target(fallback);
      return ring(call, caller, fallback);
    }
    caller.endpoint().reject(status == Status.REQUEST_TIMEOUT ? Status.TEMPORARILY_UNAVAILABLE : status, reason);
    return Future.succeededFuture();
  }
}
