package io.voicegateway.sip;

import io.voicegateway.control.Call;
import java.util.Optional;
import javax.sip.Dialog;

/** Finds the leg a {@link ReplacesHeader} names among the live calls: Call-ID, then both tags. */
final class DialogLookup {
  /** A leg and the call it belongs to. */
  record Found(Call call, SipLeg leg) {}

  private DialogLookup() {}

  static Optional<Found> find(SipLegs legs, ReplacesHeader replaces) {
    SipLeg leg = legs.bySipCallId(replaces.callId()).orElse(null);
    Call call = legs.callBySipCallId(replaces.callId()).orElse(null);
    if (leg == null || call == null) {
      return Optional.empty();
    }
    Dialog dialog = leg.dialog();
    String local = dialog != null && dialog.getLocalTag() != null ? dialog.getLocalTag() : leg.localTag();
    String remote = dialog == null ? null : dialog.getRemoteTag();
    return replaces.names(leg.sipCallId(), local, remote) ? Optional.of(new Found(call, leg)) : Optional.empty();
  }
}
