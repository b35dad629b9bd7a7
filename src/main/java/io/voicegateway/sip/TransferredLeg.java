package io.voicegateway.sip;

import io.voicegateway.control.Call;

/**
 * The SIP handlers' way to take one party out of a call that goes on without it (the transferor after a
 * transfer, a dialog replaced by another), through call control's {@link io.voicegateway.control.policy.Transfers}:
 * its media leaves the mixer and the leg leaves the call, so neither a BYE from it nor the stack's later dialog
 * events touch the rest of the call.
 */
final class TransferredLeg {
  private TransferredLeg() {}

  /** Publishes CALL_TRANSFERRED (with the state move when it may). */
  static void announce(SipServices s, Call call, String reason) {
    s.transfers.announce(call, reason);
  }

  /** The party hung up itself (its BYE is answered by the caller): forget the leg. */
  static void left(SipServices s, Call call, SipLeg leg) {
    s.transfers.left(call, leg.leg());
  }

  /** We end the party's dialog: BYE (when still confirmed), then forget the leg. */
  static void end(SipServices s, Call call, SipLeg leg) {
    s.transfers.end(call, leg.leg());
  }
}
