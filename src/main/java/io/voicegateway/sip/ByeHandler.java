package io.voicegateway.sip;

import io.voicegateway.control.Call;
import io.voicegateway.control.policy.Transfers;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** The peer hangs up: 200, then the rest of the call is torn down. Unknown dialog: 481. */
final class ByeHandler {
  private final SipLegs legs;
  private final SipMessages messages;
  private final Transfers transfers;
  private final Teardown teardown;

  ByeHandler(SipLegs legs, SipMessages messages, Transfers transfers, Teardown teardown) {
    this.legs = legs;
    this.messages = messages;
    this.transfers = transfers;
    this.teardown = teardown;
  }

  void handle(Request bye, ServerTransaction st) {
    String sipCallId = ((CallIdHeader) bye.getHeader(CallIdHeader.NAME)).getCallId();
    Call call = legs.callBySipCallId(sipCallId).orElse(null);
    if (call == null) {
      messages.respond(st, bye, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
      return;
    }
    messages.respond(st, bye, Response.OK, null);
    SipLeg leaving = legs.bySipCallId(sipCallId).orElse(null);
    if (leaving != null && leaving.leg().transferredAway()) { // a transferor leaving: the call goes on without it
      transfers.left(call, leaving.leg());
      return;
    }
    call.enqueue(() -> {
      SipLeg leg = legs.bySipCallId(sipCallId).orElse(null); // this leg needs no BYE from us
      return leg == null ? teardown.hangup(call, "remote BYE") : teardown.hungUpBy(call, leg, "remote BYE");
    });
  }
}
