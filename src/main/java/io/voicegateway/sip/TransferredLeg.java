package io.voicegateway.sip;

import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.control.LegState;
import java.util.logging.Logger;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.message.Request;

/**
 * Takes one party out of a call that goes on without it (the transferor after a transfer, a dialog
 * replaced by another): its media leaves the mixer and the leg leaves the call, so neither a BYE from it
 * nor the stack's later dialog events touch the rest of the call.
 */
final class TransferredLeg {
  private static final Logger LOG = Logger.getLogger(TransferredLeg.class.getName());

  private TransferredLeg() {}

  /**
   * Publishes CALL_TRANSFERRED: the state moves to TRANSFERRED when it may (the first transfer of the
   * call), otherwise the event goes out alone (a call transferred a second time).
   */
  static void announce(SipServices s, Call call, String reason) {
    if (CallState.eventFor(call.state(), CallState.TRANSFERRED).isPresent()) {
      s.moveTo(call, CallState.TRANSFERRED, reason);
    } else if (call.state() != CallState.TERMINATED) {
      s.publish(call, CallEventType.CALL_TRANSFERRED, reason);
    }
  }

  /** The party hung up itself (its BYE is answered by the caller): forget the leg. */
  static void left(SipServices s, Call call, SipLeg leg) {
    leg.dialog(null);
    s.closeMedia(call, leg.leg(), "transferred");
    leg.leg().state(LegState.ENDED);
    s.legs.remove(call, leg);
  }

  /** We end the party's dialog: BYE (when still confirmed), then forget the leg. */
  static void end(SipServices s, Call call, SipLeg leg) {
    Dialog dialog = leg.dialog();
    left(s, call, leg);
    if (dialog != null && dialog.getState() == DialogState.CONFIRMED) {
      try {
        s.client.send(dialog.createRequest(Request.BYE), dialog, null);
      } catch (Exception e) {
        LOG.fine(() -> "could not BYE transferred leg " + leg + ": " + e.getMessage());
      }
    }
  }
}
