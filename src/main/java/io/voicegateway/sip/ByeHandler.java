package io.voicegateway.sip;

import io.voicegateway.control.Call;
import io.voicegateway.control.policy.RemoteHangUp;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** The peer hangs up: 200, then call control's {@link RemoteHangUp} ends its part. Unknown dialog: 481. */
final class ByeHandler {
  private final SipLegs legs;
  private final SipMessages messages;
  private final RemoteHangUp hangUps;

  ByeHandler(SipLegs legs, SipMessages messages, RemoteHangUp hangUps) {
    this.legs = legs;
    this.messages = messages;
    this.hangUps = hangUps;
  }

  void handle(Request bye, ServerTransaction st) {
    String sipCallId = ((CallIdHeader) bye.getHeader(CallIdHeader.NAME)).getCallId();
    Call call = legs.callBySipCallId(sipCallId).orElse(null);
    if (call == null) {
      messages.respond(st, bye, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
      return;
    }
    messages.respond(st, bye, Response.OK, null);
    legs.bySipCallId(sipCallId).ifPresent(leaving -> hangUps.hungUp(call, leaving.leg(), "remote BYE"));
  }
}
