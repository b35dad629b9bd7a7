package io.voicegateway.sip;

import io.voicegateway.control.Call;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * CANCEL of an INVITE: 200 to the CANCEL, and call control decides the rest (a caller we have not answered gave
 * up: 487 to the INVITE, call ended; after our final response nothing changes). One matching no call gets 481.
 */
final class CancelHandler {
  private final SipLegs legs;
  private final SipMessages messages;
  private final Teardown teardown;

  CancelHandler(SipLegs legs, SipMessages messages, Teardown teardown) {
    this.legs = legs;
    this.messages = messages;
    this.teardown = teardown;
  }

  void handle(Request cancel, ServerTransaction st) {
    String sipCallId = ((CallIdHeader) cancel.getHeader(CallIdHeader.NAME)).getCallId();
    Call call = legs.callBySipCallId(sipCallId).orElse(null);
    SipLeg leg = legs.bySipCallId(sipCallId).orElse(null);
    if (call == null || leg == null) {
      messages.respond(st, cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
      return;
    }
    messages.respond(st, cancel, Response.OK, null);
    teardown.cancelled(call, leg);
  }
}
