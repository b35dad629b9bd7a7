package io.voicegateway.sip;

import io.voicegateway.sip.registrar.SourceOf;
import java.util.Optional;
import javax.sip.ServerTransaction;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Sends each request (already on the verticle's context, with its server transaction) to the handler of
 * its method, after the semantic checks of {@link RequestChecks}. Methods we know but do not serve get 405,
 * unknown ones 501, both with Allow (RFC 3261 §8.2.1).
 */
final class RequestDispatcher {
  private final SipServices s;
  private final InviteHandler invite;
  private final ReinviteHandler reinvite;
  private final AckHandler ack;
  private final ByeHandler bye;
  private final CancelHandler cancel;
  private final OptionsHandler options;
  private final ReferHandler refer;
  private final NotifyHandler notify;
  private final Replaces replaces;

  RequestDispatcher(SipServices s, Teardown teardown) {
    this.s = s;
    this.invite = new InviteHandler(s);
    this.reinvite = new ReinviteHandler(s);
    this.ack = new AckHandler(s, teardown);
    this.bye = new ByeHandler(s.legs, s.messages, s.control.remoteHangUp());
    this.cancel = new CancelHandler(s.legs, s.messages, teardown);
    this.options = new OptionsHandler(s.messages, s.checks);
    this.refer = new ReferHandler(s);
    this.notify = new NotifyHandler(s.legs, s.messages, s.control.referredAway());
    this.replaces = new Replaces(s, invite);
  }

  void dispatch(Request request, ServerTransaction st) {
    String method = request.getMethod();
    if (Request.ACK.equals(method)) {
      ack.handle(request);
      return;
    }
    boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)) != null
        && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
    if (Request.INVITE.equals(method)) {
      s.messages.respond(st, request, Response.TRYING, null);
    }
    Optional<RequestRejection> rejection = s.checks.check(request);
    if (rejection.isPresent()) {
      s.messages.reject(st, request, rejection.get(), inDialog ? null : SipMessages.newTag());
      return;
    }
    switch (method) {
      case Request.INVITE -> {
        if (inDialog) {
          reinvite.handle(request, st);
        } else if (!replaces.handles(request, st)) {
          invite.handle(request, st);
        }
      }
      case Request.BYE -> bye.handle(request, st);
      case Request.CANCEL -> cancel.handle(request, st);
      case Request.OPTIONS -> options.handle(request, st);
      case Request.NOTIFY -> notify.handle(request, st);
      case Request.REFER -> refer(request, st, inDialog);
      case Request.REGISTER -> register(request, st);
      default -> notAllowed(request, st);
    }
  }

  /** REFER inside one of our dialogs is a transfer; outside any dialog we do not act on anyone's behalf (403). */
  private void refer(Request request, ServerTransaction st, boolean inDialog) {
    if (inDialog) {
      refer.handle(request, st);
    } else {
      s.messages.respond(st, request, Response.FORBIDDEN, SipMessages.newTag());
    }
  }

  /** REGISTER from a device; 405 as before when no device is configured (we are no registrar then). */
  private void register(Request request, ServerTransaction st) {
    if (!s.registrar.enabled()) {
      notAllowed(request, st);
      return;
    }
    s.messages.send(st, s.registrar.handle(request, SourceOf.request(request, st)));
  }

  private void notAllowed(Request request, ServerTransaction st) {
    int status = SipMessages.KNOWN_NOT_ALLOWED.contains(request.getMethod())
        ? Response.METHOD_NOT_ALLOWED : Response.NOT_IMPLEMENTED;
    Response response = s.messages.response(request, status, SipMessages.newTag());
    s.messages.addAllow(response);
    s.messages.send(st, response);
  }
}
