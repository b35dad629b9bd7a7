package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.LegState;
import io.voicegateway.control.Status;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Which party the API's mid-call actions (hold, resume, blind transfer) act on: the call's first SIP leg — the
 * caller of an inbound call, the callee of one we placed — once its call is confirmed (hold and resume take a
 * browser when there is no SIP leg). 404 for an unknown call,
 * 481 while that leg is still being set up, has ended or has no endpoint. Actions on one call run one at a time
 * in its queue, so a hold does not cross a transfer.
 */
public final class CallParty {
  private final CallRegistry calls;

  public CallParty(CallRegistry calls) {
    this.calls = calls;
  }

  /** Runs {@code action} on the party, in the call's queue; an action that throws fails the future. */
  public <T> Future<T> act(String callId, BiFunction<Call, Leg, Future<T>> action) {
    return act(callId, Call::firstSipLeg, action);
  }

  /**
   * The same for hold and resume, which any leg with media of its own can do: the first SIP leg, else the first
   * browser (a page's call to an app has no SIP party, and holding it is holding the page).
   */
  public <T> Future<T> actOnHoldable(String callId, BiFunction<Call, Leg, Future<T>> action) {
    return act(callId, call -> call.firstSipLeg().or(() -> call.legs().stream()
        .filter(l -> l.kind() == LegKind.WEBRTC).findFirst()), action);
  }

  private <T> Future<T> act(String callId, Function<Call, Optional<Leg>> partyOf,
      BiFunction<Call, Leg, Future<T>> action) {
    Call call = calls.byId(callId).orElse(null);
    if (call == null) {
      return Future.failedFuture(CallFailure.of(Status.NOT_FOUND, "no call " + callId));
    }
    return call.enqueue(() -> {
      Leg leg = partyOf.apply(call).orElse(null);
      if (leg == null || leg.state() != LegState.CONNECTED || leg.endpoint() == null || leg.endpoint().pending()) {
        return Future.failedFuture(CallFailure.of(Status.CALL_DOES_NOT_EXIST, "call " + callId + " has no confirmed dialog"));
      }
      return action.apply(call, leg);
    });
  }
}
