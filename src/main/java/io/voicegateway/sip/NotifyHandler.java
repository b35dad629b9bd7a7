package io.voicegateway.sip;

import io.voicegateway.control.Call;
import io.voicegateway.control.policy.ReferredAway;
import java.util.OptionalInt;
import java.util.logging.Logger;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.header.EventHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * NOTIFYs of the REFER subscriptions we create ({@link UacService#refer}): 200 when the dialog is ours, 481
 * otherwise. The {@code message/sipfrag} body tells how the peer's call to the transfer target goes; call control's
 * {@link io.voicegateway.control.policy.ReferredAway} decides what that means (a 2xx ends the call with us).
 */
final class NotifyHandler {
  private static final Logger LOG = Logger.getLogger(NotifyHandler.class.getName());
  private final SipLegs legs;
  private final SipMessages messages;
  private final ReferredAway referredAway;

  NotifyHandler(SipLegs legs, SipMessages messages, ReferredAway referredAway) {
    this.legs = legs;
    this.messages = messages;
    this.referredAway = referredAway;
  }

  void handle(Request notify, ServerTransaction st) {
    String sipCallId = ((CallIdHeader) notify.getHeader(CallIdHeader.NAME)).getCallId();
    Call call = legs.callBySipCallId(sipCallId).orElse(null);
    if (call == null) {
      messages.respond(st, notify, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
      return;
    }
    messages.respond(st, notify, Response.OK, null);
    EventHeader event = (EventHeader) notify.getHeader(EventHeader.NAME);
    if (event == null || !"refer".equalsIgnoreCase(event.getEventType())) {
      return;
    }
    OptionalInt status = Sipfrag.status(SipMessages.body(notify));
    LOG.fine(() -> "call " + call.id() + ": transfer progress " + status);
    status.ifPresent(code -> referredAway.progress(call, code));
  }
}
