package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Destination;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.LegState;
import io.voicegateway.control.Scheduler;
import io.voicegateway.control.Status;
import io.voicegateway.control.route.CallSource;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.control.route.Router;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Adds a party to a live call (the API's three-way calling): a configured device is rung on its registrations; a
 * number is routed exactly as if the call's own device party had dialled it, so the outbound routes, their
 * rewrite and the toll-fraud rule apply (a call with no device on it reaches only {@code from: any} routes, never
 * a trunk: the API's token is no licence to dial out through somebody's trunk). A {@link Fork} rings the target;
 * its answer joins the call's mix, where mix-minus lets three or more parties hear each other. A target that
 * fails leaves the call as it was and the API gets its status.
 */
public final class AddParty {
  /** How long an added party rings when its route names no ring timeout. */
  static final Duration RING_TIMEOUT = Duration.ofSeconds(30);
  /** Extra wait past the ring timeout before the API is told the call ended under the ringing party. */
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final Policies policies;
  private final Router router;
  private final CallRegistry calls;
  private final CallLifecycle lifecycle;
  private final Function<RouteTarget, List<? extends Destination>> destinations;
  /** The configured device ids, read per request: a reload changes them (LiveConfig). */
  private final Supplier<Set<String>> devices;

  /**
   * @param destinations turns a routed target into the destinations to ring
   * @param devices      the configured device ids (a target naming one rings that device)
   */
  public AddParty(Policies policies, Router router, CallRegistry calls, CallLifecycle lifecycle,
      Function<RouteTarget, List<? extends Destination>> destinations, Set<String> devices) {
    this(policies, router, calls, lifecycle, destinations, TransferRouting.fixed(devices));
  }

  /** With the device ids read at each request, from the configuration in force. */
  public AddParty(Policies policies, Router router, CallRegistry calls, CallLifecycle lifecycle,
      Function<RouteTarget, List<? extends Destination>> destinations, Supplier<Set<String>> devices) {
    this.policies = policies;
    this.router = router;
    this.calls = calls;
    this.lifecycle = lifecycle;
    this.destinations = destinations;
    this.devices = devices;
  }

  /**
   * Rings {@code target} (a device id, or a number) into call {@code callId}.
   *
   * @return the new leg's id once it answered and joined; fails with a {@link CallFailure}: 404 unknown call or no
   *     route for the number, 403 a route matches but not for this call's parties, 400 a target the gateway answers
   *     itself (an app), 481 the call is not connected, 480 nobody to ring, or the target's own refusal (486, 408 …)
   */
  public Future<String> add(String callId, String target) {
    Call call = calls.byId(callId).orElse(null);
    if (call == null) {
      return fail(Status.NOT_FOUND, "no call " + callId);
    }
    if (!talking(call)) {
      return fail(Status.CALL_DOES_NOT_EXIST, "call " + callId + " is not connected");
    }
    if (target == null || target.isBlank()) {
      return fail(400, "a target (device id or number) is required");
    }
    CallSource authority = authority(call);
    RouteTarget routed = devices.get().contains(target)
        ? new RouteTarget(RouteTarget.Kind.DEVICES, null, List.of(target), null, RING_TIMEOUT, null)
        : router.route(target, authority).orElse(null);
    if (routed == null) {
      return router.forbidden(target, authority)
          ? fail(Status.FORBIDDEN, "no route admits " + target + " for the parties of call " + callId)
          : fail(Status.NOT_FOUND, "no route for " + target);
    }
    if (routed.answeredHere()) {
      return fail(400, target + " routes to an app or stream, not a party to ring");
    }
    List<? extends Destination> reach = destinations.apply(routed);
    if (reach.isEmpty()) {
      return fail(Status.TEMPORARILY_UNAVAILABLE, "nobody to ring for " + target);
    }
    return ring(call, target, authority, routed, reach);
  }

  private Future<String> ring(Call call, String target, CallSource authority, RouteTarget routed,
      List<? extends Destination> reach) {
    Promise<String> joined = Promise.promise();
    Duration timeout = routed.ringTimeout() != null && !routed.ringTimeout().isZero() ? routed.ringTimeout()
        : RING_TIMEOUT;
    // the fork stays silent when the call ends under it: this answers the API then
    Scheduler.Timer guard = policies.scheduler().schedule(timeout.plus(GRACE), () ->
        joined.tryFail(CallFailure.of(call.state() == CallState.TERMINATED ? Status.REQUEST_TERMINATED
            : Status.REQUEST_TIMEOUT, "call " + call.id() + " ended while " + target + " rang")));
    String presented = authority.id() != null ? authority.id() : userOf(call.from());
    new Fork(policies.dialer(), policies.scheduler(), call, presented, call.xHeaders(), new Fork.Listener() {
      @Override
      public void progress(int status) {
        // the parties already talking go on talking; the API waits for the answer
      }

      @Override
      public void answered(Leg winner) {
        guard.cancel();
        if (winner.peer() == null) {
          winner.peer(target);
        }
        lifecycle.publish(call, CallEventType.PARTY_JOINED, DropParty.name(winner));
        joined.tryComplete(winner.id());
      }

      @Override
      public void failed(int status, String reason) {
        guard.cancel();
        joined.tryFail(CallFailure.of(status, target + ": " + reason));
      }
    }).start(reach, timeout);
    return joined.future();
  }

  /** Whether the call is up: connected, and not ended meanwhile. */
  private static boolean talking(Call call) {
    CallState state = call.state();
    return state == CallState.CONNECTED || state == CallState.ON_HOLD || state == CallState.RESUMED
        || state == CallState.TRANSFERRED;
  }

  /** The call's first connected party that is a configured device: whose rights a dialled number gets. */
  private CallSource authority(Call call) {
    Optional<String> device = call.legs().stream()
        .filter(l -> l.kind() != LegKind.APP && l.state() == LegState.CONNECTED)
        .map(Leg::peer).filter(p -> p != null && devices.get().contains(p)).findFirst();
    return device.map(CallSource::device).orElse(CallSource.unknown());
  }

  private static String userOf(String uri) {
    if (uri == null) {
      return null;
    }
    String s = uri.startsWith("sip:") ? uri.substring(4) : uri;
    int at = s.indexOf('@');
    return at > 0 ? s.substring(0, at) : null;
  }

  private static <T> Future<T> fail(int status, String text) {
    return Future.failedFuture(CallFailure.of(status, text));
  }
}
