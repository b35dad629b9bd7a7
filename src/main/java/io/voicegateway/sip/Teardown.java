package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.control.Call;

/**
 * The SIP handlers' way to end a call, through call control's teardown: every leg's {@link SipEndpoint} hangs up
 * (BYE to a connected leg, 487 to an INVITE we have not answered, CANCEL to one we sent that still rings), then
 * the call's media and bookkeeping go. The future completes when every BYE/CANCEL has its response (or timed out).
 */
final class Teardown {
  private final io.voicegateway.control.policy.Teardown teardown;

  Teardown(io.voicegateway.control.policy.Teardown teardown) {
    this.teardown = teardown;
  }

  Future<Void> hangup(Call call, String reason) {
    return teardown.hangUp(call, reason);
  }

  /** The CANCEL of {@code caller}'s INVITE: call control decides whether the call ends. */
  void cancelled(Call call, SipLeg caller) {
    teardown.callerGaveUp(call, caller.leg());
  }

  /** The stack gave up on {@code leg}'s current dialog: call control decides whether the call ends. */
  void lost(Call call, SipLeg leg, String reason) {
    teardown.lost(call, leg.leg(), reason);
  }
}
