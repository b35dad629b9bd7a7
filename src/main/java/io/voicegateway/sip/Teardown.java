package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Ends a call from our side: BYE to every connected SIP leg, 487 to an INVITE we have not answered,
 * CANCEL to one we sent and that is still pending; then the call's media and bookkeeping go. The future
 * completes when every BYE/CANCEL has its response (or timed out).
 */
final class Teardown {
  private static final Logger LOG = Logger.getLogger(Teardown.class.getName());
  private final SipServices s;

  Teardown(SipServices s) {
    this.s = s;
  }

  Future<Void> hangup(Call call, String reason) {
    List<Future<?>> sent = new ArrayList<>();
    for (SipLeg leg : s.legs.of(call)) {
      sent.add(endLeg(leg));
    }
    s.terminate(call, reason);
    return Future.join(sent).mapEmpty();
  }

  private Future<?> endLeg(SipLeg leg) {
    try {
      if (leg.pendingServerInvite() != null) {
        var st = leg.pendingServerInvite();
        leg.pendingServerInvite(null);
        s.messages.respond(st, st.getRequest(), Response.REQUEST_TERMINATED, leg.localTag());
        return Future.succeededFuture();
      }
      if (leg.pendingClientInvite() != null) {
        ClientTransaction invite = leg.pendingClientInvite();
        leg.pendingClientInvite(null);
        return s.client.cancel(invite);
      }
      Dialog dialog = leg.dialog();
      if (dialog != null && dialog.getState() == DialogState.CONFIRMED) {
        leg.dialog(null);
        return s.client.send(dialog.createRequest(Request.BYE), dialog, null);
      }
    } catch (Exception e) {
      LOG.log(Level.FINE, "could not end leg " + leg, e);
    }
    return Future.succeededFuture();
  }
}
