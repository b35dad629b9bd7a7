package io.voicegateway.control;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.route.CallSource;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.codec.CodecType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The hub of one call: its identity (internal UUID, distinct from any SIP Call-ID), state, legs, the
 * X- headers of the initial INVITE and timestamps. Touched only on the context that owns it (today the SIP
 * verticle's); control operations (re-INVITE, hold, transfer, BYE) run one at a time through {@link #enqueue}.
 */
public final class Call {
  private final String id;
  private final CallDirection direction;
  private final String from;
  private final String to;
  private final String sipCallId;
  private final Map<String, String> xHeaders;
  private final long createdAtMs;
  private final CallStateMachine state = new CallStateMachine();
  private final List<Leg> legs = new ArrayList<>();
  private long connectedAtMs;
  private RouteTarget target;
  private CallSource source = CallSource.unknown();
  private Future<?> tail = Future.succeededFuture();

  /**
   * @param sipCallId the SIP Call-ID of the first leg, carried by the call's events (null when the call did not
   *     start on SIP)
   */
  public Call(CallDirection direction, String from, String to, String sipCallId, Map<String, String> xHeaders,
      long createdAtMs) {
    this(UUID.randomUUID().toString(), direction, from, to, sipCallId, xHeaders, createdAtMs);
  }

  /**
   * A call whose id was handed out before it existed: a browser's pending call of step 1 (WebRTC) becomes this call
   * when its session is linked, under the id the page already holds.
   */
  public Call(String id, CallDirection direction, String from, String to, String sipCallId,
      Map<String, String> xHeaders, long createdAtMs) {
    this.id = id;
    this.direction = direction;
    this.from = from;
    this.to = to;
    this.sipCallId = sipCallId;
    this.xHeaders = Map.copyOf(xHeaders);
    this.createdAtMs = createdAtMs;
  }

  public String id() { return id; }
  public CallDirection direction() { return direction; }
  public String from() { return from; }
  public String to() { return to; }
  public String sipCallId() { return sipCallId; }
  public Map<String, String> xHeaders() { return xHeaders; }
  public long createdAtMs() { return createdAtMs; }
  public CallState state() { return state.state(); }
  public List<Leg> legs() { return legs; }

  /** Where the call was routed (inbound), or null. */
  public RouteTarget target() { return target; }
  public void target(RouteTarget target) { this.target = target; }

  /**
   * Who started the call, as far as the gateway vouches for it (a device that passed digest, a trunk): apps
   * such as a voicemail box's owner menu trust this, never the From header. Unknown until set.
   */
  public CallSource source() { return source; }
  public void source(CallSource source) { this.source = source; }

  public void addLeg(Leg leg) {
    legs.add(leg);
  }

  public void removeLeg(Leg leg) {
    legs.remove(leg);
  }

  /** The first SIP leg (the one that created the call). */
  public Optional<Leg> firstSipLeg() {
    return legs.stream().filter(l -> l.kind() == LegKind.SIP).findFirst();
  }

  /** The codec of the first SIP leg, or null before negotiation. */
  public CodecType codec() {
    return firstSipLeg().map(Leg::codec).orElse(null);
  }

  /** Moves the state machine; empty when the move is not legal from here (e.g. TERMINATED twice). */
  public Optional<CallEventType> moveTo(CallState next, long nowMs) {
    if (CallState.eventFor(state.state(), next).isEmpty()) {
      return Optional.empty();
    }
    if (next == CallState.CONNECTED) {
      connectedAtMs = nowMs;
    }
    return Optional.of(state.transition(next));
  }

  /** The CALL_RINGING event the first time the call rings, else empty. */
  public Optional<CallEventType> ringing() {
    return state.ringing();
  }

  /** How long the call has been connected (zero if it never was). */
  public Duration connectedDuration(long nowMs) {
    return connectedAtMs == 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, nowMs - connectedAtMs));
  }

  /** An event of this call, now. */
  public CallEvent event(CallEventType type, String reason, long nowMs) {
    return new CallEvent(type, id, direction, from, to, sipCallId, xHeaders, nowMs, null, 0, reason);
  }

  /**
   * Runs {@code operation} after every operation queued before it has finished (success or failure), so
   * two re-INVITEs or a BYE racing a hold never interleave on one call.
   */
  public <T> Future<T> enqueue(Supplier<Future<T>> operation) {
    Promise<T> result = Promise.promise();
    tail = tail.transform(ignored -> {
      Future<T> f;
      try {
        f = operation.get();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(result);
      return f.transform(x -> Future.succeededFuture());
    });
    return result.future();
  }

  @Override
  public String toString() {
    return "Call[" + id + " " + state.state() + " " + sipCallId + "]";
  }
}
