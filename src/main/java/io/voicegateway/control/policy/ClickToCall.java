package io.voicegateway.control.policy;

import io.voicegateway.control.Call;
import io.voicegateway.control.Destination;
import io.voicegateway.control.Leg;
import io.voicegateway.control.route.RouteTarget;
import java.util.List;

/**
 * The second half of click-to-call: the device answered the call the gateway placed to it, and now the number it
 * asked for is dialled into the same call, where the mixer bridges the two — or the app or stream it routed to is
 * attached. If the far end does not answer, the device is hung up.
 */
public final class ClickToCall {
  private final Policies services;

  public ClickToCall(Policies services) {
    this.services = services;
  }

  /**
   * @param device       who asked (its id names the call's first leg and is the caller the far end sees)
   * @param target       where the device's number routed
   * @param destinations what {@code target} resolved to
   */
  public void connect(Call call, String device, RouteTarget target, List<? extends Destination> destinations) {
    call.firstSipLeg().ifPresent(leg -> leg.peer(device));
    call.target(target);
    if (target.answeredHere()) {
      services.attach().attach(call);
      return;
    }
    new Fork(services.dialer(), services.scheduler(), call, device, call.xHeaders(), new Fork.Listener() {
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
        call.enqueue(() -> services.teardown().hangUp(call, "callee " + status + " " + reason));
      }
    }).start(destinations, target.ringTimeout());
  }
}
