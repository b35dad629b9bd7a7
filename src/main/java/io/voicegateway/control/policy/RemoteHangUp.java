package io.voicegateway.control.policy;

import io.voicegateway.control.Call;
import io.voicegateway.control.Leg;

/**
 * A party's far side hung up (SIP BYE): a transferor whose transfer goes on just leaves the call; anyone else ends
 * it, the other parties hung up in turn (after whatever the call is doing now). A party already gone by its turn
 * needs no hang-up of its own, and the rest of the call ends.
 */
public final class RemoteHangUp {
  private final Transfers transfers;
  private final Teardown teardown;

  public RemoteHangUp(Transfers transfers, Teardown teardown) {
    this.transfers = transfers;
    this.teardown = teardown;
  }

  public void hungUp(Call call, Leg leaving, String reason) {
    if (leaving.transferredAway()) { // a transferor leaving: the call goes on without it
      transfers.left(call, leaving);
      return;
    }
    call.enqueue(() -> call.legs().contains(leaving)
        ? teardown.hungUpBy(call, leaving, reason)
        : teardown.hangUp(call, reason));
  }
}
