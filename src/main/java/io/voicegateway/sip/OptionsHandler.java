package io.voicegateway.sip;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** OPTIONS: 200 with what we allow, accept and support (RFC 3261 §11.2), in or out of a dialog. */
final class OptionsHandler {
  private final SipServices s;

  OptionsHandler(SipServices s) {
    this.s = s;
  }

  void handle(Request options, ServerTransaction st) {
    Response ok = s.messages.response(options, Response.OK, SipMessages.newTag());
    s.messages.addAllow(ok);
    s.messages.addHeader(ok, "Accept", "application/sdp");
    s.messages.addHeader(ok, "Supported", String.join(", ", s.checks.supportedOptions()));
    ok.addHeader(s.messages.contact(SipMessages.transport(options)));
    s.messages.send(st, ok);
  }
}
