package io.voicegateway.sip;

import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallQueries.ActiveCall;
import io.voicegateway.bus.CallQueries.ActiveLeg;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import java.util.Optional;
import java.util.function.Function;
import javax.sip.Dialog;

/**
 * One active call as the {@code vg.sip.calls} reply carries it ({@link ActiveCall}): identity, state, times, X-
 * headers and its legs, without media figures (the media side adds those). Built on the SIP context; control's
 * enums are said in the contract's ({@code bus.CallState}, {@code bus.LegKind}) by exhaustive switches, so a new
 * state or kind in control does not compile until the contract has it.
 */
final class ActiveCallSnapshot {
  private ActiveCallSnapshot() {}

  /** @param sipSide the SIP side of a leg (its dialog and Call-ID), empty for other kinds */
  static ActiveCall of(Call call, Function<Leg, Optional<SipLeg>> sipSide, long nowMs) {
    long connectedFor = call.connectedDuration(nowMs).toMillis();
    boolean connected = call.state() != CallState.RINGING; // every later state was connected once
    return new ActiveCall(call.id(), state(call.state()), call.direction(), call.from(), call.to(), call.codec(),
        call.sipCallId(), call.createdAtMs(), connected ? nowMs - connectedFor : null, connectedFor, call.xHeaders(),
        call.legs().stream().map(leg -> leg(call, leg, sipSide.apply(leg).orElse(null))).toList());
  }

  private static ActiveLeg leg(Call call, Leg leg, SipLeg sip) {
    return new ActiveLeg(leg.id(), kind(leg.kind()), leg.kind() == LegKind.APP ? leg.name() : peer(call, leg, sip),
        leg.codec(), leg.onHold(), leg.rtpPort(), sip == null ? null : sip.sipCallId());
  }

  static io.voicegateway.bus.CallState state(CallState state) {
    return switch (state) {
      case RINGING -> io.voicegateway.bus.CallState.RINGING;
      case CONNECTED -> io.voicegateway.bus.CallState.CONNECTED;
      case ON_HOLD -> io.voicegateway.bus.CallState.ON_HOLD;
      case RESUMED -> io.voicegateway.bus.CallState.RESUMED;
      case TRANSFERRED -> io.voicegateway.bus.CallState.TRANSFERRED;
      case TERMINATED -> io.voicegateway.bus.CallState.TERMINATED;
    };
  }

  static io.voicegateway.bus.LegKind kind(LegKind kind) {
    return switch (kind) {
      case SIP -> io.voicegateway.bus.LegKind.SIP;
      case APP -> io.voicegateway.bus.LegKind.APP;
      case WEBRTC -> io.voicegateway.bus.LegKind.WEBRTC;
      case STREAM -> io.voicegateway.bus.LegKind.STREAM;
    };
  }

  /**
   * The device or provider the B2BUA named for the leg, else the remote party of its dialog, else the call's caller
   * (inbound) or callee (outbound).
   */
  private static String peer(Call call, Leg leg, SipLeg sip) {
    if (leg.peer() != null) {
      return leg.peer();
    }
    Dialog dialog = sip == null ? null : sip.dialog();
    if (dialog != null && dialog.getRemoteParty() != null) {
      return dialog.getRemoteParty().getURI().toString();
    }
    return leg.direction() == CallDirection.INBOUND ? call.from() : call.to();
  }
}
