package io.voicegateway.sip;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.Leg;
import io.voicegateway.control.policy.Fork;
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
  private final Teardown teardown;
  private final Function<OutboundCall, Future<String>> originate;

  /** @param originate places the first leg (the device's), completing with the call id once it answered */
  ClickToCall(SipServices s, Teardown teardown, Function<OutboundCall, Future<String>> originate) {
    this.s = s;
    this.teardown = teardown;
    this.originate = originate;
  }

  /** Fails with {@link UacFailure}: 404 unknown number, 480 device not registered, the device's refusal. */
  Future<String> start(String deviceId, String number, Map<String, String> headers) {
    List<Binding> bindings = s.registrar.contactsOf(deviceId);
    if (bindings.isEmpty()) {
      return Future.failedFuture(new UacFailure(Response.TEMPORARILY_UNAVAILABLE, deviceId + " is not registered"));
    }
    String device = bindings.get(0).deviceId();
    RouteTarget target = s.router.route(number, CallSource.device(device)).orElse(null);
    if (target == null) {
      return Future.failedFuture(new UacFailure(Response.NOT_FOUND, "no route for " + number + " from " + device));
    }
    Binding reach = bindings.stream().filter(b -> s.qualifier.reachable(b)).findFirst().orElse(bindings.get(0));
    return originate.apply(new OutboundCall(reach.reachUri(), number, null, null, headers, null))
        .map(callId -> {
          s.calls.byId(callId).ifPresent(call -> connect(call, device, number, target));
          return callId;
        });
  }

  private void connect(Call call, String device, String number, RouteTarget target) {
    call.firstSipLeg().ifPresent(leg -> leg.peer(device));
    call.target(target);
    if (target.answeredHere()) {
      InviteHandler.attachTarget(s, call);
      return;
    }
    new Fork(s.dialer, s.scheduler, call, device, call.xHeaders(), new Fork.Listener() {
      @Override
      public void progress(int status) {
        // the device hears silence until the far end answers: the gateway plays no ringback of its own yet
      }

      @Override
      public void answered(Leg winner) {
        // the winner's media joined the call: the mixer bridges it with the device
      }

      @Override
      public void failed(int status, String reason) {
        call.enqueue(() -> teardown.hangup(call, "callee " + status + " " + reason));
      }
    }).start(s.targets.resolve(target), target.ringTimeout());
  }
}
