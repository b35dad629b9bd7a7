package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.LegState;
import io.voicegateway.control.Status;
import java.util.Comparator;
import java.util.Optional;

/**
 * DTMF the gateway sends into a call (the API's "send digits"): to the first party talking on it that is not one
 * of our own apps (nor a browser, when another party talks: the dashboard phone sends them to its far side), through that party's endpoint, whatever its kind. 404 for an unknown call, 481 when nobody is
 * talking on it yet, and 481 too when the party's endpoint cannot carry them (no telephone-event negotiated, its
 * media gone): either way the call is not in a state to take digits, which is the caller's to fix, not a fault.
 */
public final class SendDigits {
  private final CallRegistry calls;

  public SendDigits(CallRegistry calls) {
    this.calls = calls;
  }

  public Future<Void> send(String callId, String digits) {
    Call call = calls.byId(callId).orElse(null);
    if (call == null) {
      return Future.failedFuture(CallFailure.of(Status.NOT_FOUND, "no call " + callId));
    }
    // a browser party is the dashboard phone whose page sends these digits: they go to the other side when there is one
    Optional<Leg> party = call.legs().stream()
        .filter(l -> l.kind() != LegKind.APP && l.state() == LegState.CONNECTED && l.endpoint() != null)
        .min(Comparator.comparing(l -> l.kind() == LegKind.WEBRTC));
    return party.map(leg -> refusedAsWrongState(leg, leg.endpoint().sendDtmf(digits))).orElseGet(() -> Future.failedFuture(
        CallFailure.of(Status.CALL_DOES_NOT_EXIST, "call " + callId + " has no party to send DTMF to")));
  }

  private static Future<Void> refusedAsWrongState(Leg leg, Future<Void> sent) {
    return sent.recover(err -> Future.failedFuture(err instanceof CallFailure ? err
        : CallFailure.of(Status.CALL_DOES_NOT_EXIST, "cannot send DTMF to " + leg.id() + ": " + err.getMessage())));
  }
}
