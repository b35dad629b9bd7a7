package io.voicegateway.control.policy;

import io.voicegateway.control.Call;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.CallState;

/**
 * A party we asked to call someone else (the API's transfer: SIP REFER from our side): accepted, the call is
 * transferred; once the party reports its call to the target answered, its call with us ends. Progress and
 * failures leave the call up.
 */
public final class ReferredAway {
  private final CallLifecycle lifecycle;
  private final Transfers transfers;
  private final Teardown teardown;

  public ReferredAway(CallLifecycle lifecycle, Transfers transfers, Teardown teardown) {
    this.lifecycle = lifecycle;
    this.transfers = transfers;
    this.teardown = teardown;
  }

  /** The party answered our request with {@code status}; a success moves the call to TRANSFERRED. */
  public void answered(Call call, int status, String target) {
    if (status >= 200 && status < 300) {
      lifecycle.moveTo(call, CallState.TRANSFERRED, "refer " + target);
    }
  }

  /** The party's call to the target reached {@code status}; a 2xx ends its call with us. */
  public void progress(Call call, int status) {
    if (status < 200 || status >= 300) {
      return;
    }
    call.enqueue(() -> {
      if (call.state() != CallState.TRANSFERRED) { // the request's acceptance usually announced it already
        transfers.announce(call, "peer transferred");
      }
      return teardown.hangUp(call, "transferred away");
    });
  }

}
