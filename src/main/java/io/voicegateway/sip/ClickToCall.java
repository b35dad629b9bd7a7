package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.route.CallSource;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.sip.registrar.Binding;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sip.message.Response;

/**
 * Click-to-call for the API: the gateway rings the device first (showing the number it is about to call),
 * and once the device answers dials that number exactly as the device would have — same routes, same
 * security rule, same trunk — into the same call, where the mixer bridges the two. An app or stream
 * target is attached instead. If the far end does not answer, the device is hung up.
 */
final class ClickToCall {
  private final SipServices s;
  private final Function<OutboundCall, Future<String>> originate;

  /** @param originate places the first leg (the device's), completing with the call id once it answered */
  ClickToCall(SipServices s, Function<OutboundCall, Future<String>> originate) {
    this.s = s;
    this.originate = originate;
  }

  /** Fails with {@link UacFailure}: 404 unknown number, 480 device not registered, the device's refusal. */
  Future<String> start(String deviceId, String number, Map<String, String> headers) {
    List<Binding> bindings = s.registrar.contactsOf(deviceId);
    if (bindings.isEmpty()) {
      return Future.failedFuture(new UacFailure(Response.TEMPORARILY_UNAVAILABLE, deviceId + " is not registered"));
    }
    String device = bindings.get(0).deviceId();
    RouteTarget target = s.control.router().route(number, CallSource.device(device)).orElse(null);
    if (target == null) {
      return Future.failedFuture(new UacFailure(Response.NOT_FOUND, "no route for " + number + " from " + device));
    }
    Binding reach = bindings.stream().filter(b -> s.qualifier.reachable(b)).findFirst().orElse(bindings.get(0));
    return originate.apply(new OutboundCall(reach.reachUri(), number, null, null, headers, null))
        .map(callId -> {
          s.calls.byId(callId).ifPresent(call -> connect(call, device, target));
          return callId;
        });
  }

  private void connect(Call call, String device, RouteTarget target) {
    new io.voicegateway.control.policy.ClickToCall(s.control.policies())
        .connect(call, device, target, target.answeredHere() ? List.of() : s.targets.resolve(target));
  }
}
