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
