package io.voicegateway.sip;

import io.voicegateway.logging.LogContext;
import io.voicegateway.sip.registrar.Registrar;
import io.voicegateway.sip.registrar.SourceOf;
import io.voicegateway.sip.stack.MalformedSip;
import java.util.Optional;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Sends each request (already on the verticle's context, with its server transaction) to the handler of
 * its method, after the semantic checks of {@link RequestChecks}. Methods we know but do not serve get 405,
 * unknown ones 501, both with Allow (RFC 3261 §8.2.1).
 */
final class RequestDispatcher {
  /** The handler of each method we serve; an initial INVITE with Replaces goes to {@code replaces}. */
  record Handlers(InviteHandler invite, ReinviteHandler reinvite, AckHandler ack, ByeHandler bye,
      CancelHandler cancel, OptionsHandler options, ReferHandler refer, NotifyHandler notifyHandler,
      Replaces replaces) {}

  private final SipMessages messages;
  private final RequestChecks checks;
  private final Registrar registrar;
  private final Handlers h;
  private final StartGate gate;

  RequestDispatcher(SipMessages messages, RequestChecks checks, Registrar registrar, Handlers handlers,
      StartGate gate) {
    this.messages = messages;
    this.checks = checks;
    this.registrar = registrar;
    this.h = handlers;
    this.gate = gate;
  }

  void dispatch(Request request, ServerTransaction st) {
    CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
    LogContext.withCallId(callId == null ? null : callId.getCallId(), () -> dispatchNow(request, st));
  }

  private void dispatchNow(Request request, ServerTransaction st) {
    String method = request.getMethod();
    if (Request.ACK.equals(method)) {
      h.ack().handle(request);
      return;
    }
    boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)) != null
        && ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
    if (Request.INVITE.equals(method)) {
      messages.respond(st, request, Response.TRYING, null);
    }
    Optional<RequestRejection> rejection = checks.check(request);
    if (rejection.isPresent()) {
      if (rejection.get().malformed() != null) {
        MalformedSip.count(rejection.get().malformed(), SourceOf.request(request, st).toString(),
            method + ": " + rejection.get().reason());
      }
      messages.reject(st, request, rejection.get(), inDialog ? null : SipMessages.newTag());
      return;
    }
    Optional<Response> notYet = gate.refusal(request); // a new call before the media is warm: 503 (StartGate)
    if (notYet.isPresent()) {
      messages.send(st, notYet.get());
      return;
    }
    switch (method) {
      case Request.INVITE -> {
        if (inDialog) {
          h.reinvite().handle(request, st);
        } else if (!h.replaces().handles(request, st)) {
          h.invite().handle(request, st);
        }
      }
      case Request.BYE -> h.bye().handle(request, st);
      case Request.CANCEL -> h.cancel().handle(request, st);
      case Request.OPTIONS -> h.options().handle(request, st);
      case Request.NOTIFY -> h.notifyHandler().handle(request, st);
      case Request.REFER -> refer(request, st, inDialog);
      case Request.REGISTER -> register(request, st);
      default -> notAllowed(request, st);
    }
  }

  /** REFER inside one of our dialogs is a transfer; outside any dialog we do not act on anyone's behalf (403). */
  private void refer(Request request, ServerTransaction st, boolean inDialog) {
    if (inDialog) {
      h.refer().handle(request, st);
    } else {
      messages.respond(st, request, Response.FORBIDDEN, SipMessages.newTag());
    }
  }

  /** REGISTER from a device; 405 as before when no device is configured (we are no registrar then). */
  private void register(Request request, ServerTransaction st) {
    if (!registrar.enabled()) {
      notAllowed(request, st);
      return;
    }
    messages.send(st, registrar.handle(request, SourceOf.request(request, st)));
  }

  private void notAllowed(Request request, ServerTransaction st) {
    int status = SipMessages.KNOWN_NOT_ALLOWED.contains(request.getMethod())
        ? Response.METHOD_NOT_ALLOWED : Response.NOT_IMPLEMENTED;
    Response response = messages.response(request, status, SipMessages.newTag());
    messages.addAllow(response);
    messages.send(st, response);
  }
}
