package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.call.Call;
import io.voicegateway.call.Leg;
import io.voicegateway.call.CallSource;
import io.voicegateway.call.RouteTarget;
import gov.nist.javax.sip.message.SIPRequest;
import io.voicegateway.sip.sdp.MediaDirection;
import io.voicegateway.sip.sdp.NegotiatedMedia;
import io.voicegateway.sip.sdp.SdpNegotiationException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * An initial INVITE (already answered 100 and checked by {@link RequestDispatcher}), we are the UAS: route (404), 180, offer/answer (400/488), media port
 * (503), media start, 200 with our SDP, then app attach. An INVITE without SDP gets our offer in the
 * 200 and the answer is taken from the ACK ({@link AckHandler}).
 */
final class InviteHandler {
  private static final Logger LOG = Logger.getLogger(InviteHandler.class.getName());
  private final SipServices s;

  InviteHandler(SipServices s) {
    this.s = s;
  }

  void handle(Request request, ServerTransaction st) {
    Optional<RouteTarget> target = s.router.route(calledNumber(request), source(request));
    if (target.isEmpty() || target.get().kind() != RouteTarget.Kind.APP) {
      // Ringing devices and trunks join with the B2BUA; until then only app routes are served.
      s.messages.respond(st, request, Response.NOT_FOUND, SipMessages.newTag());
      return;
    }
    String sipCallId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    Call call = new Call("inbound",
        ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI().toString(),
        ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI().toString(),
        sipCallId, SipMessages.xHeaders(request), s.now());
    call.target(target.get());
    Leg leg = Leg.sip(true, sipCallId, SipMessages.newTag());
    leg.dialog(st.getDialog());
    leg.pendingServerInvite(st);
    s.start(call, leg);
    call.enqueue(() -> answer(call, leg, request, st)).onFailure(err -> {
      LOG.log(Level.WARNING, "answering call " + call.id() + " failed", err);
      if (leg.pending()) {
        fail(call, leg, request, st, Response.SERVER_INTERNAL_ERROR, null);
      }
    });
  }

  /** The Request-URI user, or the To user when the Request-URI has none. */
  private static String calledNumber(Request request) {
    URI uri = request.getRequestURI();
    if (uri instanceof SipURI sipUri && sipUri.getUser() != null) {
      return sipUri.getUser();
    }
    URI to = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI();
    return to instanceof SipURI sipTo ? sipTo.getUser() : null;
  }

  /** Trunk by source address; authenticated devices join when the registrar authenticates INVITEs. */
  private CallSource source(Request request) {
    return s.sources.classify(((SIPRequest) request).getRemoteAddress(), null);
  }

  private Future<Void> answer(Call call, Leg leg, Request request, ServerTransaction st) {
    if (!leg.pending()) {
      return Future.succeededFuture(); // CANCELled before we got here
    }
    s.messages.respond(st, request, Response.RINGING, leg.localTag());
    call.ringing().ifPresent(type -> s.publish(call, type, null));
    String offer = SipMessages.body(request);
    NegotiatedMedia media = null;
    if (offer != null) {
      try {
        media = s.sdp.answer(offer);
        leg.remoteSdpVersion(SdpVersions.version(offer));
      } catch (SdpNegotiationException e) {
        if (e.status() == SdpNegotiationException.NOT_ACCEPTABLE_HERE) {
          s.metrics.codecNegotiationError();
        }
        fail(call, leg, request, st, e.status(), e.getMessage());
        return Future.succeededFuture();
      }
    }
    NegotiatedMedia answered = media;
    return s.openMedia(call, leg)
        .compose(port -> {
          // The phone sends RTP as soon as it has our 200: start the media first. Built after the answer (slow on
          // a cold JVM), the pipeline was late, the phone's first packets piled up and our own RTP began late.
          Future<Void> ready = answered == null || !leg.pending() ? Future.succeededFuture()
              : s.startMediaAndWait(call, leg, answered);
          return ready.compose(v -> {
            if (!leg.pending()) { // CANCEL arrived while the media side allocated or started
              s.closeMedia(call, leg, "cancelled");
              return Future.<Void>succeededFuture();
            }
            sendOk(call, leg, request, st, answered, port);
            return Future.<Void>succeededFuture();
          });
        }, err -> {
          LOG.warning("no media port for call " + call.id() + ": " + err.getMessage());
          if (leg.pending()) {
            Response busy = s.messages.response(request, Response.SERVICE_UNAVAILABLE, leg.localTag());
            s.messages.addHeader(busy, "Retry-After", "5");
            s.messages.send(st, busy);
            leg.pendingServerInvite(null);
            s.terminate(call, "no media port");
          }
          return Future.succeededFuture();
        });
  }

  private void sendOk(Call call, Leg leg, Request request, ServerTransaction st, NegotiatedMedia media, int port) {
    String sdp = media != null
        ? s.sdp.renderAnswer(media, s.publicAddress(), port, leg.nextOrigin())
        : s.sdp.createOffer(s.publicAddress(), port, leg.nextOrigin(), MediaDirection.SENDRECV);
    Response ok = s.messages.response(request, Response.OK, leg.localTag());
    ok.addHeader(s.messages.contact(SipMessages.transport(request)));
    s.messages.addAllow(ok);
    s.messages.setSdp(ok, sdp);
    leg.localSdp(sdp);
    leg.pendingServerInvite(null);
    s.messages.send(st, ok);
    if (media != null) {
      attachApp(s, call); // the media already runs (answer)
    } else {
      leg.awaitingAnswer(true);
    }
  }

  /** Attaches the routed app once the first leg's media runs. */
  static void attachApp(SipServices s, Call call) {
    if (call.target() != null && call.target().kind() == RouteTarget.Kind.APP) {
      s.vertx.eventBus().send(Addresses.APPS_ATTACH, new MediaCommands.AppAttach(call.id(), call.target().name()));
      s.calls.addLeg(call, Leg.app(call.target().name()));
    }
  }

  private void fail(Call call, Leg leg, Request request, ServerTransaction st, int status, String reason) {
    Response response = s.messages.response(request, status, leg.localTag());
    if (reason != null && !reason.isBlank()) {
      s.messages.addHeader(response, "Warning", "399 " + s.publicAddress() + " \""
          + reason.replace("\"", "'") + "\"");
    }
    leg.pendingServerInvite(null);
    s.messages.send(st, response);
    s.terminate(call, "rejected " + status);
  }
}
