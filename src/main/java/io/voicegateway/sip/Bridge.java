package io.voicegateway.sip;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.control.Call;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import java.util.HashSet;
import java.util.Set;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Connects an inbound INVITE to devices or a trunk, as a B2BUA: the caller's offer is answered in our
 * codecs and its port opened first (so a bad offer is refused before any phone rings), then a
 * {@link Fork} dials the targets. Their 180/183 reach the caller without SDP (the caller rings locally),
 * except the first with SDP: that branch's early media (a trunk's ringback or announcement) reaches the
 * caller through the mixer, behind our 183 with the answer the 200 will repeat. The first answer answers
 * the caller, and the two legs talk through the mixer, each in its own codec. No answer: the route's
 * {@code on_no_answer} target, else the fork's status (480 after the ring timeout).
 */
final class Bridge {
  private final SipServices s;
  private final InviteHandler invites;

  Bridge(SipServices s, InviteHandler invites) {
    this.s = s;
    this.invites = invites;
  }

  /** Completes once the caller's INVITE is settled: answered, refused, or cancelled. */
  Future<Void> dial(Call call, SipLeg caller, Request request, ServerTransaction st, RouteTarget target) {
    if (!caller.pending()) {
      return Future.succeededFuture();
    }
    NegotiatedMedia media = invites.negotiate(call, caller, request, st);
    if (!caller.pending()) {
      return Future.succeededFuture();
    }
    return s.openMedia(call, caller.leg()).compose(
        port -> ring(new Pending(call, caller, request, st, media, port), target),
        err -> invites.noPort(call, caller, request, st, err));
  }

  /** The caller's leg while the targets ring: its INVITE, our answer to its offer, its RTP port. */
  private record Pending(Call call, SipLeg leg, Request request, ServerTransaction st, NegotiatedMedia media,
      int port) {}

  private Future<Void> ring(Pending p, RouteTarget target) {
    if (!p.leg().pending()) {
      return Future.succeededFuture(); // cancelled while the port was opened
    }
    Promise<Void> settled = Promise.promise();
    Set<Integer> relayed = new HashSet<>();
    Fork fork = new Fork(s, p.call(), callerUser(p.request()), SipMessages.xHeaders(p.request()),
        new Fork.Listener() {
          @Override
          public void progress(Response provisional) {
            relay(p, provisional.getStatusCode(), relayed);
          }

          @Override
          public boolean takesEarlyMedia() {
            return p.media() != null; // a caller without an offer (late offer) gets no SDP before the 200
          }

          /** Our 183 with SDP went to the caller (after a bodiless 183, if one was relayed first). */
          private boolean earlyAnswered;

          @Override
          public void earlyMedia(SipLeg branch, Response provisional) {
            if (p.leg().pending() && !earlyAnswered) {
              earlyAnswered = true;
              relayed.add(Response.SESSION_PROGRESS);
              invites.progressWith(p.call(), p.leg(), p.request(), p.st(), p.media(), p.port());
              p.call().ringing().ifPresent(type -> s.publish(p.call(), type, null));
            }
          }

          @Override
          public void answered(SipLeg winner) {
            invites.answerWith(p.call(), p.leg(), p.request(), p.st(), p.media(), p.port()).onComplete(settled);
          }

          @Override
          public void failed(int status, String reason) {
            noAnswer(p, target, status, reason).onComplete(settled);
          }
        });
    fork.start(s.targets.resolve(target), target.ringTimeout());
    return settled.future();
  }

  /** The first 180 and the first 183 of any branch, without a body, under our To-tag. */
  private void relay(Pending p, int status, Set<Integer> relayed) {
    int relay = status == Response.SESSION_PROGRESS ? Response.SESSION_PROGRESS : Response.RINGING;
    if (p.leg().pending() && relayed.add(relay)) {
      s.messages.respond(p.st(), p.request(), relay, p.leg().localTag());
      p.call().ringing().ifPresent(type -> s.publish(p.call(), type, null));
    }
  }

  private Future<Void> noAnswer(Pending p, RouteTarget target, int status, String reason) {
    if (!p.leg().pending()) {
      return Future.succeededFuture();
    }
    RouteTarget fallback = target.onNoAnswer();
    if (fallback != null && InviteHandler.answersItself(fallback.kind())) {
      p.call().target(fallback);
      return invites.answerWith(p.call(), p.leg(), p.request(), p.st(), p.media(), p.port());
    }
    if (fallback != null && fallback.kind() == RouteTarget.Kind.DEVICES) {
      p.call().target(fallback);
      return ring(p, fallback);
    }
    int answer = status == Response.REQUEST_TIMEOUT ? Response.TEMPORARILY_UNAVAILABLE : status;
    invites.fail(p.call(), p.leg(), p.request(), p.st(), answer, reason);
    return Future.succeededFuture();
  }

  /** The caller's user part, presented in From toward the targets. */
  private static String callerUser(Request request) {
    var uri = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI();
    return uri instanceof SipURI sip ? sip.getUser() : null;
  }
}
