package io.voicegateway.sip;

import io.voicegateway.control.Call;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * CANCEL of an INVITE we have not answered: 200 to the CANCEL, 487 to the INVITE, call ended. A CANCEL
 * that comes after our final response changes nothing (200); one matching no call gets 481.
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
    if (leg.pendingServerInvite() != null) {
      // Not queued behind the answer in progress: the answer checks leg.pending() and stops.
      teardown.hangup(call, "cancelled");
    }
  }
}
