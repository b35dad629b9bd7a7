package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.Destination;
import io.voicegateway.control.Leg;
import io.voicegateway.control.Status;
import io.voicegateway.control.route.CallSource;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.control.route.Router;
import java.util.List;
import java.util.function.Function;

/**
 * Click-to-call for the API: the gateway rings the device first, and once it answers dials the number it asked for
 * exactly as the device would have — same routes, same security rule, same trunk — into the same call, where the
 * mixer bridges the two; an app or stream target is attached instead. If the far end does not answer, the device
 * is hung up. Which of the device's contacts is rung is decided here; the leg kind that registered them only lists
 * them and rings the chosen one.
 */
public final class ClickToCall {
  /**
   * One place the device can be rung, as its leg kind knows it.
   *
   * @param deviceId  the device's own id (the API may have named it by its extension)
   * @param reach     the address to ring it on
   * @param reachable whether it answered its last keepalive (a contact never checked counts as reachable)
   */
  public record Contact(String deviceId, String reach, boolean reachable) {}

  private final Policies services;
  private final Router router;
  private final CallRegistry calls;
  private final Function<RouteTarget, List<? extends Destination>> destinations;

  /** @param destinations turns a routed target into the destinations to ring (device bindings, a trunk) */
  public ClickToCall(Policies services, Router router, CallRegistry calls,
      Function<RouteTarget, List<? extends Destination>> destinations) {
    this.services = services;
    this.router = router;
    this.calls = calls;
    this.destinations = destinations;
  }

  /**
   * Checks the device and its number before anyone is rung, then rings the device on its first reachable contact
   * (the first contact when none answered lately: a stale keepalive is no reason to refuse the call).
   *
   * @param asked      the device as the API named it (id or extension)
   * @param contacts   where it is registered, as its registrar lists them; empty when it is not registered
   * @param ringDevice rings the chosen address; completes with the new call's id once the device answered
   * @return the call's id once the device answered; fails with a {@link CallFailure}: 480 device not registered,
   *     404 no route for the number from that device, or the device's own refusal
   */
  public Future<String> start(String asked, String number, List<Contact> contacts,
      Function<String, Future<String>> ringDevice) {
    if (contacts.isEmpty()) {
      return Future.failedFuture(CallFailure.of(Status.TEMPORARILY_UNAVAILABLE, asked + " is not registered"));
    }
    String device = contacts.get(0).deviceId();
    RouteTarget target = router.route(number, CallSource.device(device)).orElse(null);
    if (target == null) {
      return Future.failedFuture(CallFailure.of(Status.NOT_FOUND, "no route for " + number + " from " + device));
    }
    Contact reach = contacts.stream().filter(Contact::reachable).findFirst().orElse(contacts.get(0));
    return ringDevice.apply(reach.reach()).map(callId -> {
      calls.byId(callId).ifPresent(call ->
          connect(call, device, target, target.answeredHere() ? List.of() : destinations.apply(target)));
      return callId;
    });
  }

  /**
   * The second half: the device answered, and now the number it asked for is dialled into the same call.
   *
   * @param device       who asked (its id names the call's first leg and is the caller the far end sees)
   * @param target       where the device's number routed
   * @param destinations what {@code target} resolved to
   */
  private void connect(Call call, String device, RouteTarget target, List<? extends Destination> destinations) {
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
