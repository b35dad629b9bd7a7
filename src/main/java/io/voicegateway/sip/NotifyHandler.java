package io.voicegateway.sip;

import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import java.util.OptionalInt;
import java.util.logging.Logger;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.header.EventHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * NOTIFYs of the REFER subscriptions we create ({@link UacService#refer}): 200 when the dialog is ours, 481
 * otherwise. The {@code message/sipfrag} body tells how the peer's call to the transfer target goes; a 2xx
 * there means the peer is now talking to the target, so its call with us ends (BYE) and CALL_TRANSFERRED is
 * published if the REFER's 202 did not already. Progress and failures only get logged: the call stays up.
 */
final class NotifyHandler {
  private static final Logger LOG = Logger.getLogger(NotifyHandler.class.getName());
  private final SipServices s;
  private final Teardown teardown;

  NotifyHandler(SipServices s, Teardown teardown) {
    this.s = s;
    this.teardown = teardown;
  }

  void handle(Request notify, ServerTransaction st) {
    String sipCallId = ((CallIdHeader) notify.getHeader(CallIdHeader.NAME)).getCallId();
    Call call = s.legs.callBySipCallId(sipCallId).orElse(null);
    if (call == null) {
      s.messages.respond(st, notify, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
      return;
    }
    s.messages.respond(st, notify, Response.OK, null);
    EventHeader event = (EventHeader) notify.getHeader(EventHeader.NAME);
    if (event == null || !"refer".equalsIgnoreCase(event.getEventType())) {
      return;
    }
    OptionalInt status = Sipfrag.status(SipMessages.body(notify));
    LOG.fine(() -> "call " + call.id() + ": transfer progress " + status);
    if (status.isPresent() && status.getAsInt() >= 200 && status.getAsInt() < 300) {
      call.enqueue(() -> {
        if (call.state() != CallState.TRANSFERRED) { // the REFER's 202 usually published it already
          s.transfers.announce(call, "peer transferred");
        }
        return teardown.hangup(call, "transferred away");
      });
    }
  }
}
