package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.bus.CallCommands.HandOff;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Destination;
import io.voicegateway.control.Leg;
import io.voicegateway.control.Scheduler;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.Status;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.control.route.Router;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * An app (the IVR) hands its call on, inside the same call: the B2BUA rings the new party itself (a REFER to the
 * caller would hand a trunk the job and reveal the target). The caller stays with the app while a {@link Fork}
 * rings; the first answer joins the call's mix and the app leg leaves it (CALL_TRANSFERRED; the apps side ends the
 * app's session); busy, no answer or no route leave the call with the app, which learns the status and carries on
 * ("nobody is available"). Digits the caller typed are routed as the caller would have dialled them, with the
 * call's own source: a trunk caller reaches no outbound route, so no provider (the toll-fraud guard of
 * {@link Router#admits}).
 */
public final class AppHandOff {
  private static final Logger LOG = Logger.getLogger(AppHandOff.class.getName());
  /** How long after its ring timeout a hand-off whose call ended meanwhile is answered 487. */
  static final Duration CALLER_GONE_GRACE = Duration.ofSeconds(1);

  private final Policies policies;
  private final CallRegistry calls;
  private final Router router;
  private final Function<RouteTarget, List<? extends Destination>> destinations;
  private final AudioFeed feed;

  /** @param destinations turns a target into the destinations to ring (device bindings, a trunk) */
  public AppHandOff(Policies policies, CallRegistry calls, Router router,
      Function<RouteTarget, List<? extends Destination>> destinations, AudioFeed feed) {
    this.policies = policies;
    this.calls = calls;
    this.router = router;
    this.destinations = destinations;
    this.feed = feed;
  }

  /** Starts the hand-off in the call's turn; completes with 200 once the new party took over, else the status. */
  public Future<Integer> handOff(HandOff request) {
    Optional<Call> found = calls.byId(request.callId());
    if (found.isEmpty() || found.get().state() == CallState.TERMINATED) {
      return Future.succeededFuture(Status.CALL_DOES_NOT_EXIST);
    }
    Call call = found.get();
    Promise<Integer> outcome = Promise.promise();
    // only the start waits for the call's turn: ringing must not hold up a hang-up or a hold meanwhile
    call.enqueue(() -> {
      start(call, request).onComplete(outcome);
      return Future.succeededFuture();
    });
    return outcome.future();
  }

  private Future<Integer> start(Call call, HandOff request) {
    Optional<Leg> app = call.legs().stream().filter(l -> l.kind() == LegKind.APP).findFirst();
    if (app.isEmpty() || call.state() == CallState.TERMINATED) {
      return Future.succeededFuture(Status.CALL_DOES_NOT_EXIST); // the app left already, or the caller did
    }
    Duration ringTimeout = Duration.ofMillis(request.ringTimeoutMs());
    return switch (request.kind()) {
      case RING -> ring(call, app.get(), new RouteTarget(RouteTarget.Kind.DEVICES, null, request.devices(),
          null, ringTimeout, null), label(request.devices()));
      case NUMBER -> ring(call, app.get(), new RouteTarget(RouteTarget.Kind.PROVIDER, request.provider(), List.of(),
          request.number(), null, null), request.number() + " via " + request.provider(), ringTimeout);
      case ROUTE -> route(call, app.get(), request.number(), ringTimeout);
      case STREAM -> feed.start(call, request.stream()).map(started -> {
        leave(call, app.get(), "stream " + request.stream());
        return Status.OK;
      }).otherwise(Status.SERVICE_UNAVAILABLE);
    };
  }

  /** The caller's digits, routed as the caller would have dialled them. */
  private Future<Integer> route(Call call, Leg app, String number, Duration ringTimeout) {
    Optional<RouteTarget> target = router.route(number, call.source());
    if (target.isEmpty()) {
      return Future.succeededFuture(router.forbidden(number, call.source()) ? Status.FORBIDDEN : Status.NOT_FOUND);
    }
    if (target.get().answeredHere()) {
      // an app or a stream is a menu action of its own; typed digits reach people
      LOG.fine(() -> "call " + call.id() + ": typed " + number + " routes to an app, refused");
      return Future.succeededFuture(Status.NOT_FOUND);
    }
    Duration timeout = target.get().ringTimeout() != null ? target.get().ringTimeout() : ringTimeout;
    return ring(call, app, target.get(), number, timeout);
  }

  private Future<Integer> ring(Call call, Leg app, RouteTarget target, String label) {
    return ring(call, app, target, label, target.ringTimeout());
  }

  private Future<Integer> ring(Call call, Leg app, RouteTarget target, String label, Duration ringTimeout) {
    List<? extends Destination> reachable = destinations.apply(target);
    if (reachable.isEmpty()) {
      return Future.succeededFuture(Status.TEMPORARILY_UNAVAILABLE);
    }
    Promise<Integer> outcome = Promise.promise();
    new Fork(policies.dialer(), policies.scheduler(), call, userOf(call.from()), call.xHeaders(),
        new Fork.Listener() {
          @Override
          public void progress(int status) {
            // the caller goes on hearing the app (its hold music or silence) while the target rings
          }

          @Override
          public void answered(Leg winner) {
            if (call.legs().contains(app)) {
              leave(call, app, label);
            }
            outcome.tryComplete(Status.OK);
          }

          @Override
          public void failed(int status, String reason) {
            LOG.fine(() -> "call " + call.id() + ": hand-off to " + label + " failed " + status + " " + reason);
            outcome.tryComplete(status);
          }
        }).start(reachable, ringTimeout == null || ringTimeout.isZero() ? null : ringTimeout);
    if (ringTimeout != null && !ringTimeout.isZero()) {
      // the fork says nothing once the caller hung up meanwhile: the app's request still gets its answer
      Scheduler.Timer guard = policies.scheduler().schedule(ringTimeout.plus(CALLER_GONE_GRACE),
          () -> outcome.tryComplete(call.state() == CallState.TERMINATED ? Status.REQUEST_TERMINATED
              : Status.REQUEST_TIMEOUT));
      outcome.future().onComplete(done -> guard.cancel());
    }
    return outcome.future();
  }

  /** The app leaves the call's mix; the call says where it went. */
  private void leave(Call call, Leg app, String to) {
    policies.transfers().left(call, app);
    policies.transfers().announce(call, "ivr connected to " + to);
  }

  private static String label(List<String> devices) {
    return String.join(",", devices);
  }

  /** The user part of a SIP URI ({@code +4930123} of {@code sip:+4930123@trunk}), what the callee sees calling. */
  static String userOf(String uri) {
    if (uri == null) {
      return null;
    }
    String s = uri.replaceFirst("^.*<", "").replaceFirst(">.*$", "").replaceFirst("^sips?:", "");
    int at = s.indexOf('@');
    return at > 0 ? s.substring(0, at) : null;
  }
}
