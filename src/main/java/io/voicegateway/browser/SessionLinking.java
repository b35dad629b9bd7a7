package io.voicegateway.browser;

import io.vertx.core.Future;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.LegDirection;
import io.voicegateway.bus.WebRtcCommands.PhoneEvent;
import io.voicegateway.bus.WebRtcCommands.PhoneEventType;
import io.voicegateway.bus.WebRtcCommands.SessionLinked;
import io.voicegateway.codec.CodecType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.Status;
import io.voicegateway.control.policy.Bridge;
import io.voicegateway.control.policy.CallControl;
import io.voicegateway.control.route.CallSource;
import io.voicegateway.control.route.RouteTarget;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Step 3, the link, and a linked session leaving its call. A link wires an answered session into a call: for a pending
 * call of step 1 the session becomes its caller and the call is routed (as the device the page is logged in as, else
 * as the operator, trusted like an API originate); for a call ringing the page it is that branch's answer. The
 * session's media moves into the call and starts before anything rings or answers. Out of order (no session yet, its
 * offer not answered, a second link), unknown ids or another page's things: the status, and whatever of the page's
 * the link named is gone (its unlinked session closed, its pending call removed).
 */
final class SessionLinking {
  private final BrowserParts parts;
  private final CallControl control;
  private final LongSupplier clock;

  SessionLinking(BrowserParts parts, CallControl control, LongSupplier clock) {
    this.parts = parts;
    this.control = control;
    this.clock = clock;
  }

  Future<SessionLinked> link(String owner, String sessionId, String callId) {
    Session session = parts.sessions().byId(sessionId).orElse(null);
    Optional<PendingCalls.Pending> pending = parts.pending().byId(callId);
    Optional<BrowserDial> ringing = parts.ringing().find(callId, owner).filter(BrowserDial::ringing);
    if (session != null && !session.owner.equals(owner)) {
      return Future.failedFuture(CallFailure.of(Status.FORBIDDEN, "session " + sessionId + " is another page's"));
    }
    if (session == null && pending.isEmpty() && ringing.isEmpty()) {
      return Future.failedFuture(CallFailure.of(Status.NOT_FOUND, "no session " + sessionId + " and no call "
          + callId + " for this phone"));
    }
    if (session == null || session.state == Session.State.OPENING) {
      return refuse(owner, session, pending, BrowserSignalling.CONFLICT, session == null
          ? "link before offer: no session " + sessionId : "link before the offer of " + sessionId + " was answered");
    }
    if (session.state == Session.State.LINKED) {
      Optional<PendingCalls.Pending> other = pending.filter(p -> !p.id().equals(session.call.id()));
      return refuse(owner, null, other, BrowserSignalling.CONFLICT,
          "session " + sessionId + " is linked to call " + session.call.id() + " already");
    }
    if (pending.isPresent()) {
      if (!pending.get().mayBeLinkedBy(owner)) {
        return refuse(owner, session, Optional.empty(), Status.FORBIDDEN, "call " + callId + " is another page's");
      }
      return placeCall(session, pending.get());
    }
    if (ringing.isPresent()) {
      return answer(session, ringing.get());
    }
    return refuse(owner, session, Optional.empty(), Status.NOT_FOUND, "no pending call " + callId
        + " and none ringing this phone");
  }

  /** Fails the link, closing the named session (when the page's and unlinked) and removing the named pending call. */
  private Future<SessionLinked> refuse(String owner, Session session, Optional<PendingCalls.Pending> pending,
      int status, String text) {
    pending.filter(p -> p.mayBeLinkedBy(owner)).ifPresent(parts.pending()::remove);
    if (session != null && session.owner.equals(owner) && session.state != Session.State.LINKED) {
      boolean portBound = session.state == Session.State.OPEN; // an OPENING one's answer finds it closed
      parts.sessions().remove(session);
      if (portBound) {
        parts.media().closeSession(session.id, session.legId, "link refused");
      }
    }
    return Future.failedFuture(CallFailure.of(status, text));
  }

  /** The page's own call: the session is its caller, routed once its media runs in the call. */
  private Future<SessionLinked> placeCall(Session session, PendingCalls.Pending pending) {
    String device = parts.phones().deviceOf(session.owner).orElse(null);
    CallSource source = CallSource.device(device); // no device: the operator, trusted like an API originate
    RouteTarget target = control.router().route(pending.number(), source).orElse(null);
    if (target == null) {
      return refuse(session.owner, session, Optional.of(pending),
          control.router().forbidden(pending.number(), source) ? Status.FORBIDDEN : Status.NOT_FOUND,
          "no route for " + pending.number() + (device == null ? "" : " from " + device));
    }
    parts.pending().remove(pending);
    String caller = device == null ? "browser" : device;
    Call call = new Call(pending.id(), target.kind() == RouteTarget.Kind.PROVIDER ? CallDirection.OUTBOUND
        : CallDirection.INBOUND, caller, pending.number(), null, pending.headers(), clock.getAsLong());
    call.target(target);
    call.source(source);
    parts.calls().add(call);
    BrowserEndpoint endpoint = join(session, call, CallDirection.INBOUND, caller, true);
    parts.calls().addLeg(call, session.leg);
    control.lifecycle().publish(call, CallEventType.CALL_STARTED, null);
    return mediaUp(session, call).transform(ar -> {
      if (endpoint.isEnded() || call.state() == CallState.TERMINATED) { // hung up or gone meanwhile
        return Future.failedFuture(CallFailure.of(Status.NOT_FOUND, "call " + call.id() + " ended"));
      }
      if (ar.failed()) {
        control.policies().teardown().hangUp(call, "browser media did not start");
        return Future.failedFuture(ar.cause());
      }
      String user = device == null ? null : parts.phones().callerUser(device);
      call.enqueue(() -> target.answeredHere() ? endpoint.answer()
          : control.bridge().ring(call, new Bridge.Caller(endpoint, user, call.xHeaders(), true), target));
      return Future.succeededFuture(new SessionLinked(session.id, call.id()));
    });
  }

  /** A call ringing the page: the session is the answer of its branch. */
  private Future<SessionLinked> answer(Session session, BrowserDial dial) {
    Call call = dial.call();
    BrowserEndpoint endpoint = join(session, call, CallDirection.OUTBOUND, dial.device(), false);
    dial.answering(endpoint);
    return mediaUp(session, call).transform(ar -> {
      if (!dial.answering() || endpoint.isEnded() || call.state() == CallState.TERMINATED) {
        // answered elsewhere, cancelled, or the page left meanwhile
        endpoint.ended("not answered");
        dial.refused(Status.TEMPORARILY_UNAVAILABLE, "answer failed");
        return Future.failedFuture(CallFailure.of(BrowserSignalling.CONFLICT, "call " + call.id()
            + " is no longer ringing this phone"));
      }
      if (ar.failed()) {
        endpoint.ended("media did not start");
        dial.refused(Status.SERVER_INTERNAL_ERROR, "browser media did not start");
        return Future.failedFuture(ar.cause());
      }
      dial.answered(session.leg);
      return Future.succeededFuture(new SessionLinked(session.id, call.id()));
    });
  }

  /** Makes the session a leg of {@code call} (not yet in its leg list) driven by a {@link BrowserEndpoint}. */
  private BrowserEndpoint join(Session session, Call call, CallDirection direction, String peer, boolean caller) {
    Leg leg = Leg.of(LegKind.WEBRTC, direction, session.legId);
    leg.peer(peer);
    leg.codec(CodecType.OPUS); // the one codec a browser leg speaks (webrtc/sdp answers Opus or refuses)
    session.settle();
    session.state = Session.State.LINKED;
    session.call = call;
    session.leg = leg;
    BrowserEndpoint endpoint = new BrowserEndpoint(call, session, parts, control, caller);
    leg.endpoint(endpoint);
    return endpoint;
  }

  private Future<Void> mediaUp(Session session, Call call) {
    return parts.media().move(session.id, call, session.leg).compose(v -> parts.media().start(call, session.leg,
        session.payloadType, session.dtmfPayloadType, LegDirection.SENDRECV));
  }

  /**
   * A linked session ends from the page's side (closed, gone, its transport failed): a caller still waiting ends its
   * call, a connected party leaves it (the call goes on while two parties are left), as a SIP party's BYE would.
   */
  void leave(Session session, String reason, boolean tell) {
    BrowserEndpoint endpoint = (BrowserEndpoint) session.leg.endpoint();
    if (endpoint.isEnded()) {
      return;
    }
    Call call = session.call;
    boolean waiting = endpoint.pending();
    endpoint.ended(reason);
    if (tell) {
      parts.events().send(session.owner, new PhoneEvent(PhoneEventType.ENDED, call.id(), null, null, reason));
    }
    if (call.state() == CallState.TERMINATED || !call.legs().contains(session.leg)) {
      return; // an answer still on its way finds the session ended
    }
    if (waiting) {
      control.policies().teardown().hungUpBy(call, session.leg, reason);
    } else {
      control.remoteHangUp().hungUp(call, session.leg, reason);
    }
  }
}
