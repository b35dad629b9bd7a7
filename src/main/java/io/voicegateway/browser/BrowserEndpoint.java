package io.voicegateway.browser;

import io.vertx.core.Future;
import io.voicegateway.bus.LegDirection;
import io.voicegateway.bus.WebRtcCommands.PhoneEvent;
import io.voicegateway.bus.WebRtcCommands.PhoneEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.Endpoint;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegState;
import io.voicegateway.control.Status;
import io.voicegateway.control.policy.CallControl;

/**
 * A linked browser session as call control drives it. As a caller (the page placed the call) it waits for the
 * routed target's answer: its media already runs, so progress and early media need nothing from it, and an answer
 * only connects the call. Holding it restarts its media one way; DTMF goes as RFC 4733 events in its SRTP; hanging
 * it up closes its media and tells the page ({@code phone.ended}).
 */
final class BrowserEndpoint implements Endpoint {
  private final Call call;
  private final Session session;
  private final BrowserParts parts;
  private final CallControl control;
  private boolean pending;
  private boolean ended;

  /** @param caller whether the browser is the call's caller (unanswered until its target answers) */
  BrowserEndpoint(Call call, Session session, BrowserParts parts, CallControl control, boolean caller) {
    this.call = call;
    this.session = session;
    this.parts = parts;
    this.control = control;
    this.pending = caller;
  }

  private Leg leg() {
    return session.leg;
  }

  @Override
  public void progress(int status) {
    // the page follows the call's events (CALL_RINGING); its audio path is already up
  }

  @Override
  public void earlyMedia() {
    // the branch's early media reaches the browser through the mixer: its leg already runs
  }

  @Override
  public Future<Void> answer() {
    if (pending) {
      pending = false;
      leg().state(LegState.CONNECTED);
      control.answerConfirmed().confirmed(call, true); // attach the routed app, connect the call
    }
    return Future.succeededFuture();
  }

  @Override
  public void reject(int status, String reason) {
    if (pending) {
      pending = false;
      control.policies().teardown().hangUp(call, status + " " + reason);
    }
  }

  @Override
  public boolean pending() {
    return pending;
  }

  @Override
  public Future<Void> hold() {
    return restart(LegDirection.SENDONLY);
  }

  @Override
  public Future<Void> resume() {
    return restart(LegDirection.SENDRECV);
  }

  private Future<Void> restart(LegDirection direction) {
    if (ended) {
      return Future.failedFuture(CallFailure.of(Status.CALL_DOES_NOT_EXIST, leg() + " has ended"));
    }
    // recorded once done, as a SIP leg records its re-INVITE's outcome (the API's hold, or one carried across)
    return parts.media().start(call, leg(), session.payloadType, session.dtmfPayloadType, direction)
        .onSuccess(v -> control.hold().apply(call, leg(), direction != LegDirection.SENDRECV));
  }

  @Override
  public Future<Void> sendDtmf(String digits) {
    if (ended || session.dtmfPayloadType < 0) {
      return Future.failedFuture(CallFailure.of(Status.CALL_DOES_NOT_EXIST,
          ended ? leg() + " has ended" : "the browser negotiated no telephone-event"));
    }
    return parts.media().sendDtmf(call, leg(), digits);
  }

  @Override
  public Future<Void> hangUp(String reason) {
    if (!ended) {
      pending = false;
      ended(reason);
      parts.events().send(session.owner, new PhoneEvent(PhoneEventType.ENDED, call.id(), null, null, reason));
    }
    return Future.succeededFuture();
  }

  /** The leg is over, whoever ended it: its media closes and its session is forgotten; the page is not told here. */
  void ended(String reason) {
    ended = true;
    pending = false;
    leg().state(LegState.ENDED);
    parts.media().close(call, leg(), reason);
    parts.sessions().remove(session);
  }

  boolean isEnded() {
    return ended;
  }
}
