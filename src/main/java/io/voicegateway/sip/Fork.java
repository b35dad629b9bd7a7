package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.control.LegState;
import io.voicegateway.sip.sdp.MediaDirection;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiationException;
import io.voicegateway.sip.sdp.SdpNegotiator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sip.DialogState;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Rings several destinations in parallel for one call (RFC 3261 §16.7 done by a B2BUA): one new SIP leg
 * per {@link BridgeTarget}, each with its own RTP port and our offer in that target's codecs, all dialled
 * together once their ports are allocated. The first 18x with SDP may start its branch's media early (a
 * trunk's ringback or announcement), when the listener takes early media. The first 2xx wins: it is
 * ACKed, its media joins the call's mixer and every other branch gets CANCEL. When every branch fails
 * the outcome is the best final status ({@link ForkOutcome}); when the ring timeout passes first, every
 * branch is CANCELled and the outcome is 408. A call torn down meanwhile (the caller's CANCEL) already
 * CANCELs the pending branches through {@link Teardown}: the fork then just stops.
 */
final class Fork {
  private static final Logger LOG = Logger.getLogger(Fork.class.getName());

  /** What the owner of the fork (an inbound call, a transfer) does with its progress. */
  interface Listener {
    /** A 180 or 183 from some branch (each one; the listener relays what it wants). */
    void progress(Response provisional);

    /**
     * Whether a branch's 18x with SDP may start that branch's media before any answer (early media: a
     * trunk's ringback or announcement). Only a caller whose own offer can be answered can hear it.
     */
    default boolean takesEarlyMedia() {
      return false;
    }

    /** {@code branch}'s 18x carried SDP and its media now runs in the call (see {@link #takesEarlyMedia}). */
    default void earlyMedia(SipLeg branch, Response provisional) {
      progress(provisional);
    }

    /** {@code winner} answered; it is ACKed and its media started in the call. */
    void answered(SipLeg winner);

    /** No branch answered: the status to give the caller (486 all busy, 408 ring timeout, …). */
    void failed(int status, String reason);
  }

  private final SipServices s;
  private final Call call;
  private final String callerUser;
  private final Map<String, String> headers;
  private final Listener listener;
  private final List<Branch> branches = new ArrayList<>();
  private final ForkOutcome outcome = new ForkOutcome();
  private boolean settled;
  private long timer = -1;
  /** The branch whose early media runs in the call; one at a time, so the caller hears one ringback. */
  private Branch early;

  private record Branch(BridgeTarget target, SipLeg leg, SdpNegotiator sdp) {}

  /**
   * @param callerUser the user part we present in From (the caller's number)
   * @param headers    extra headers for every INVITE (the caller's X- headers)
   */
  Fork(SipServices s, Call call, String callerUser, Map<String, String> headers, Listener listener) {
    this.s = s;
    this.call = call;
    this.callerUser = callerUser == null || callerUser.isBlank() ? "gateway" : callerUser;
    this.headers = headers;
    this.listener = listener;
  }

  /** Dials every target; {@code ringTimeout} null or zero rings until the branches give up themselves. */
  void start(List<BridgeTarget> targets, Duration ringTimeout) {
    if (targets.isEmpty()) {
      settle();
      listener.failed(Response.TEMPORARILY_UNAVAILABLE, "nobody to ring");
      return;
    }
    if (ringTimeout != null && !ringTimeout.isZero()) {
      timer = s.vertx.setTimer(ringTimeout.toMillis(), id -> timedOut());
    }
    List<Future<Integer>> ports = new ArrayList<>();
    for (BridgeTarget target : targets) {
      SipLeg leg = SipLeg.outbound(s.requests.newCallId(), SipMessages.newTag());
      leg.leg().peer(target.label());
      s.legs.add(call, leg);
      branches.add(new Branch(target, leg, new SdpNegotiator(target.codecs())));
      outcome.dialled();
      ports.add(s.openMedia(call, leg.leg()));
    }
    // Every branch is dialled in one turn once all ports are known: none can answer, or draw the 180 the
    // caller cancels on, before the others ring.
    Future.join(ports).onComplete(done -> {
      for (int i = 0; i < branches.size(); i++) {
        Branch branch = branches.get(i);
        Future<Integer> port = ports.get(i);
        if (port.failed()) {
          branchFailed(branch, Response.SERVICE_UNAVAILABLE, "no media port");
        } else if (settled || call.state() == CallState.TERMINATED) {
          drop(branch);
        } else {
          dial(branch, port.result());
        }
      }
    });
  }

  private void dial(Branch branch, int port) {
    BridgeTarget target = branch.target();
    SipLeg leg = branch.leg();
    String local = target.localAddress() == null ? s.publicAddress() : target.localAddress();
    SdpNegotiator sdp = branch.sdp();
    Request invite;
    try {
      String from = target.fromUser() != null && !target.fromUser().isBlank() ? target.fromUser() : callerUser;
      invite = s.requests.create(Request.INVITE, target.requestUri(), from, leg.sipCallId(), leg.localTag(), headers,
          local);
    } catch (Exception e) {
      branchFailed(branch, Response.BAD_REQUEST, "bad target " + target.requestUri() + ": " + e.getMessage());
      return;
    }
    String offer = sdp.createOffer(local, port, leg.nextOrigin(), MediaDirection.SENDRECV);
    s.messages.setSdp(invite, offer);
    leg.localSdp(offer);
    leg.localAddress(local);
    leg.awaitingAnswer(true);
    new OutboundInvite(s, leg, sdp, target.username(), target.password(), r -> provisional(branch, r))
        .send(invite)
        .onSuccess(media -> {
          if (settled || call.state() == CallState.TERMINATED) {
            hangUpLate(branch); // a second 2xx, or one that crossed the caller's CANCEL
            return;
          }
          settle();
          if (branch != early || !media.equals(leg.media())) { // early media already runs as answered
            s.startMedia(call, leg, media);
          }
          branches.stream().filter(b -> b != branch).forEach(this::drop);
          LOG.fine(() -> "call " + call.id() + " answered by " + target.label());
          listener.answered(leg);
        })
        .onFailure(err -> branchFailed(branch, err instanceof UacFailure f ? f.status() : 500, err.getMessage()));
  }

  private void provisional(Branch branch, Response response) {
    if (settled || call.state() == CallState.TERMINATED) {
      return;
    }
    String sdp = SipMessages.body(response);
    if (early == null && sdp != null && listener.takesEarlyMedia()) {
      try {
        NegotiatedMedia media = branch.sdp().acceptAnswer(sdp);
        early = branch;
        s.startMedia(call, branch.leg(), media);
        LOG.fine(() -> "call " + call.id() + ": early media from " + branch.target().label());
        listener.earlyMedia(branch.leg(), response);
        return;
      } catch (SdpNegotiationException e) {
        LOG.fine(() -> "call " + call.id() + ": unusable early SDP from " + branch.target().label() + ": "
            + e.getMessage());
      }
    }
    listener.progress(response);
  }

  private void timedOut() {
    timer = -1;
    if (!settled && call.state() != CallState.TERMINATED) {
      settle();
      branches.forEach(this::drop);
      listener.failed(Response.REQUEST_TIMEOUT, "no answer");
    }
  }

  private void branchFailed(Branch branch, int status, String reason) {
    LOG.fine(() -> "call " + call.id() + ": " + branch.target().label() + " " + status + " " + reason);
    outcome.failed(status);
    hangUpLate(branch);
    if (!settled && call.state() != CallState.TERMINATED && outcome.allFailed()) {
      settle();
      listener.failed(outcome.status(), outcome.reason());
    }
  }

  /** A branch we no longer want: CANCEL it if it still rings, free its port, forget it. */
  private void drop(Branch branch) {
    SipLeg leg = branch.leg();
    if (leg.pendingClientInvite() != null) {
      var invite = leg.pendingClientInvite();
      leg.pendingClientInvite(null);
      s.client.cancel(invite).onFailure(e -> LOG.fine(() -> "could not CANCEL " + leg + ": " + e.getMessage()));
    }
    hangUpLate(branch);
  }

  /** BYE to a branch whose dialog got confirmed after all (a late 2xx, or one with an unusable answer). */
  private void hangUpLate(Branch branch) {
    SipLeg leg = branch.leg();
    if (leg.dialog() != null && leg.dialog().getState() == DialogState.CONFIRMED) {
      try {
        s.client.send(leg.dialog().createRequest(Request.BYE), leg.dialog(), null);
      } catch (Exception e) {
        LOG.fine(() -> "could not BYE late answer " + leg + ": " + e.getMessage());
      }
    }
    forget(branch);
  }

  private void forget(Branch branch) {
    if (branch == early) {
      early = null; // another branch's early media may take its place
    }
    s.closeMedia(call, branch.leg().leg(), "not answered");
    branch.leg().leg().state(LegState.ENDED);
    if (call.state() != CallState.TERMINATED) {
      s.legs.remove(call, branch.leg());
    }
  }

  private void settle() {
    settled = true;
    if (timer >= 0) {
      s.vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
