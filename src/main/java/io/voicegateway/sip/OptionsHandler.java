package io.voicegateway.sip;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** OPTIONS: 200 with what we allow, accept and support (RFC 3261 §11.2), in or out of a dialog. */
final class OptionsHandler {
  private final SipMessages messages;
  private final RequestChecks checks;

  OptionsHandler(SipMessages messages, RequestChecks checks) {
    this.messages = messages;
    this.checks = checks;
  }

  void handle(Request options, ServerTransaction st) {
    Response ok = messages.response(options, Response.OK, SipMessages.newTag());
    messages.addAllow(ok);
    messages.addHeader(ok, "Accept", "application/sdp");
    messages.addHeader(ok, "Supported", String.join(", ", checks.supportedOptions()));
    ok.addHeader(messages.contact(SipMessages.transport(options)));
    messages.send(st, ok);
  }
}
