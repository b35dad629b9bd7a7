package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.Leg;
import io.voicegateway.control.Status;
import io.voicegateway.control.route.CallSource;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.control.route.Router;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A new caller, already admitted by its leg kind (a SIP INVITE checked and authenticated): routed (404 for a number
 * no route serves, 403 for a caller a matching route refuses, such as a stranger dialling out), made a call, and
 * then either answered here (an app or stream is the target) or rung through to devices or a trunk by a
 * {@link Bridge}. The leg kind does the answering and the media; this class decides which.
 */
public final class InboundCalls {
  private static final Logger LOG = Logger.getLogger(InboundCalls.class.getName());

  private final Router router;
  private final CallRegistry calls;
  private final CallLifecycle lifecycle;
  private final Bridge bridge;
  private final LongSupplier clock;

  /** @param clock the epoch milliseconds the call's timestamps use */
  public InboundCalls(Router router, CallRegistry calls, CallLifecycle lifecycle, Bridge bridge,
      LongSupplier clock) {
    this.router = router;
    this.calls = calls;
    this.lifecycle = lifecycle;
    this.bridge = bridge;
    this.clock = clock;
  }

  /**
   * What the caller's leg kind tells about a new caller.
   *
   * @param number        the number called (a SIP Request-URI user)
   * @param from          the caller's URI, as the call's events show it
   * @param to            the called URI
   * @param correlationId the leg kind's own id for the call (the SIP Call-ID), carried by the events
   * @param xHeaders      the caller's X- headers, carried by the events
   */
  public record Offer(String number, CallSource source, String from, String to, String correlationId,
      Map<String, String> xHeaders) {}

  /** The caller's leg kind doing what call control decides for a new caller. */
  public interface Caller {
    /** Refuses the caller before any call exists. */
    void refuse(int status);

    /** Becomes the first leg of {@code call}; returns that leg. */
    Leg joins(Call call);

    /** Answers the caller here (the routed app or stream is attached once its media runs). */
    Future<Void> answerHere(Call call);

    /**
     * Gets the caller ready to be rung through (its offer answered, its media allocated); empty when the caller
     * was settled meanwhile (a refused offer, no media port, gone).
     */
    Future<Optional<Bridge.Caller>> readyToRing(Call call);

    /** Refuses the caller with {@code status} and ends the call, if it still waits for an answer. */
    void fail(Call call, int status);
  }

  /** Routes the caller and settles it: refused, answered here, or rung through. */
  public void offer(Offer offer, Caller caller) {
    Optional<RouteTarget> routed = router.route(offer.number(), offer.source());
    if (routed.isEmpty() || !served(routed.get().kind())) {
      // 403 when a route matches but may not serve this caller (a stranger dialling out), never a trunk's call
      caller.refuse(routed.isEmpty() && router.forbidden(offer.number(), offer.source()) ? Status.FORBIDDEN : Status.NOT_FOUND);
      return;
    }
    offer(offer, caller, routed.get());
  }

  /**
   * A caller whose target was decided before it came here: another node of the cluster, whose call rings a device over
   * the connection this node holds ({@link RouteTarget.Kind#BINDING}). Made a call and rung through, like any other.
   */
  public void offer(Offer offer, Caller caller, RouteTarget target) {
    boolean outbound = offer.source().kind() == CallSource.Kind.DEVICE && target.kind() == RouteTarget.Kind.PROVIDER;
    Call call = new Call(outbound ? CallDirection.OUTBOUND : CallDirection.INBOUND, offer.from(), offer.to(),
        offer.correlationId(), offer.xHeaders(), clock.getAsLong());
    call.target(target);
    call.source(offer.source());
    calls.add(call);
    Leg leg = caller.joins(call);
    leg.peer(offer.source().id() != null ? offer.source().id() : call.from());
    lifecycle.publish(call, CallEventType.CALL_STARTED, null);
    call.enqueue(() -> target.answeredHere() ? caller.answerHere(call) : ringThrough(call, caller, target))
        .onFailure(err -> {
          LOG.log(Level.WARNING, "answering call " + call.id() + " failed", err);
          caller.fail(call, Status.SERVER_INTERNAL_ERROR);
        });
  }

  private Future<Void> ringThrough(Call call, Caller caller, RouteTarget target) {
    return caller.readyToRing(call).compose(ready -> ready.isEmpty()
        ? Future.succeededFuture()
        : bridge.ring(call, ready.get(), target));
  }

  /** What this build serves: every kind of target (IVR menus and voicemail boxes are apps of the catalog). */
  private static boolean served(RouteTarget.Kind kind) {
    return true;
  }
}
