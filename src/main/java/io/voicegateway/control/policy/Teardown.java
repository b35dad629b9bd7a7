package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.Leg;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends a call: every party still there is hung up through its endpoint (a connected one gets its hang-up, an
 * unanswered caller its refusal, a leg still ringing out its cancel), then the call ends. When one party hung up
 * itself, only the others are told.
 */
public final class Teardown {
  private final CallLifecycle lifecycle;

  public Teardown(CallLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /** Ends the call from our side; completes when every far side confirmed (or timed out). */
  public Future<Void> hangUp(Call call, String reason) {
    return end(call, null, reason);
  }

  /** {@code leaving}'s far side hung up: the other parties are hung up and the call ends. */
  public Future<Void> hungUpBy(Call call, Leg leaving, String reason) {
    return end(call, leaving, reason);
  }

  /**
   * The caller gave up before we answered it (SIP: CANCEL): the call ends at once, not queued behind the answer in
   * progress, which finds the caller settled and stops; the caller's refusal (SIP: 487) goes with the hang-up. A
   * caller already answered changes nothing: it has to hang up instead.
   */
  public void callerGaveUp(Call call, Leg caller) {
    if (caller.endpoint() != null && caller.endpoint().pending()) {
      hangUp(call, "cancelled");
    }
  }

  /**
   * A party's connection was lost under the call (SIP: its dialog timed out waiting for an ACK, or the stack ended
   * it): the call cannot go on and ends in its turn. A party still being set up is left to its own set-up, which
   * fails on its own and says why.
   */
  public void lost(Call call, Leg party, String reason) {
    if (party.endpoint() != null && !party.endpoint().pending()) {
      call.enqueue(() -> hangUp(call, reason));
    }
  }

  private Future<Void> end(Call call, Leg leaving, String reason) {
    List<Future<Void>> sent = new ArrayList<>();
    for (Leg leg : List.copyOf(call.legs())) {
      if (leg != leaving && leg.endpoint() != null) {
        sent.add(leg.endpoint().hangUp(reason));
      }
    }
    lifecycle.terminate(call, reason);
    return Future.join(sent).mapEmpty();
  }
}
