package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.Leg;

/**
 * A party's far side hung up (SIP BYE): a transferor whose transfer goes on just leaves the call; so does anyone
 * whose call still has at least two parties without it (a three-way call, a conference); otherwise the call ends,
 * the other parties hung up in turn (after whatever the call is doing now). A party already gone by its turn
 * needs no hang-up of its own, and the rest of the call ends unless two parties are still talking.
 */
public final class RemoteHangUp {
  private final Transfers transfers;
  private final Teardown teardown;
  private final DropParty parties;

  public RemoteHangUp(Transfers transfers, Teardown teardown, DropParty parties) {
    this.transfers = transfers;
    this.teardown = teardown;
    this.parties = parties;
  }

  public void hungUp(Call call, Leg leaving, String reason) {
    if (leaving.transferredAway()) { // a transferor leaving: the call goes on without it
      transfers.left(call, leaving);
      return;
    }
    call.enqueue(() -> {
      boolean there = call.legs().contains(leaving);
      if (Parties.goOnWithout(call, leaving)) {
        if (there) {
          parties.left(call, leaving, reason);
        }
        return Future.<Void>succeededFuture();
      }
      return there ? teardown.hungUpBy(call, leaving, reason) : teardown.hangUp(call, reason);
    });
  }
}
