package io.voicegateway.sip;

import javax.sip.ServerTransaction;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * OPTIONS: 200 with what we allow, accept and support (RFC 3261 §11.2), in or out of a dialog; 503 out of a dialog
 * while the node drains ({@link NodeDrain}), which is what tells a dispatcher's probe to send new calls elsewhere. An
 * in-dialog OPTIONS (a session keepalive) still gets its 200: the node's calls go on.
 */
final class OptionsHandler {
  private final SipMessages messages;
  private final RequestChecks checks;
  private final NodeDrain drain;

  OptionsHandler(SipMessages messages, RequestChecks checks, NodeDrain drain) {
    this.messages = messages;
    this.checks = checks;
    this.drain = drain;
  }

  void handle(Request options, ServerTransaction st) {
    if (drain.draining() && outOfDialog(options)) {
      Response unavailable = messages.response(options, Response.SERVICE_UNAVAILABLE, SipMessages.newTag());
      messages.addHeader(unavailable, "Retry-After", "60");
      messages.send(st, unavailable);
      return;
    }
    Response ok = messages.response(options, Response.OK, SipMessages.newTag());
    messages.addAllow(ok);
    messages.addHeader(ok, "Accept", "application/sdp");
    messages.addHeader(ok, "Supported", String.join(", ", checks.supportedOptions()));
    ok.addHeader(messages.contact(SipMessages.transport(options)));
    messages.send(st, ok);
  }

  private static boolean outOfDialog(Request request) {
    ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
    return to == null || to.getTag() == null;
  }
}
