package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.LegRemoval;
import io.voicegateway.control.LegState;
import io.voicegateway.control.Status;

/**
 * One party leaves a call of three or more, which goes on for the others: its far side hung up itself
 * ({@link RemoteHangUp}) or the API drops it. A call left with fewer than two parties ends as a whole
 * ({@link Parties}), so dropping one side of a plain two-party call hangs it up.
 */
public final class DropParty {
  private final CallRegistry calls;
  private final CallLifecycle lifecycle;
  private final LegRemoval removal;
  private final Teardown teardown;

  public DropParty(CallRegistry calls, CallLifecycle lifecycle, LegRemoval removal, Teardown teardown) {
    this.calls = calls;
    this.lifecycle = lifecycle;
    this.removal = removal;
    this.teardown = teardown;
  }

  /**
   * The API drops {@code legId} from {@code callId}, in the call's turn: the party is hung up and leaves (PARTY_LEFT),
   * or the whole call ends when fewer than two parties would be left. 404 for an unknown call or leg, 409 (481) for
   * a leg not connected yet (a party still ringing) or an app leg (it leaves with its app).
   */
  public Future<Void> drop(String callId, String legId) {
    Call call = calls.byId(callId).orElse(null);
    if (call == null) {
      return Future.failedFuture(CallFailure.of(Status.NOT_FOUND, "no call " + callId));
    }
    Leg leg = call.legs().stream().filter(l -> l.id().equals(legId)).findFirst().orElse(null);
    if (leg == null) {
      return Future.failedFuture(CallFailure.of(Status.NOT_FOUND, "call " + callId + " has no leg " + legId));
    }
    if (leg.kind() == LegKind.APP || leg.state() != LegState.CONNECTED || leg.endpoint() == null) {
      return Future.failedFuture(CallFailure.of(Status.CALL_DOES_NOT_EXIST,
          "leg " + legId + " is not a connected party of call " + callId));
    }
    return call.enqueue(() -> {
      if (!call.legs().contains(leg)) {
        return Future.succeededFuture(); // it left meanwhile
      }
      if (!Parties.goOnWithout(call, leg)) {
        return teardown.hangUp(call, "dropped " + name(leg));
      }
      Future<Void> hungUp = leg.endpoint().hangUp("dropped");
      left(call, leg, "dropped");
      return hungUp;
    });
  }

  /** {@code leg} is gone (it hung up, or we hung it up): it leaves the call, which says so. */
  void left(Call call, Leg leg, String reason) {
    removal.remove(call, leg, reason);
    leg.state(LegState.ENDED);
    lifecycle.publish(call, CallEventType.PARTY_LEFT, name(leg) + " " + reason);
  }

  static String name(Leg leg) {
    return leg.peer() != null ? leg.peer() : leg.id();
  }
}
