package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.Destination;
import io.voicegateway.control.Leg;
import io.voicegateway.control.Status;
import io.voicegateway.control.route.CallSource;
import io.voicegateway.control.route.RouteTarget;
import io.voicegateway.control.route.Router;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where a blind transfer goes: the number a party asks to be transferred to is routed as a new call from that party
 * would be (404 when no route serves it for this party, 480 when nobody is there to ring), then a
 * {@link BlindTransfer} connects the party that stays. The party is recognised by its leg's peer: a configured
 * device or provider, anyone else unknown (reaching only {@code from: any} routes, as for a new call).
 */
public final class TransferRouting {
  private final Policies policies;
  private final Router router;
  private final Function<RouteTarget, List<? extends Destination>> destinations;
  /** The configured ids, read per transfer: a reload changes them (LiveConfig). */
  private final Supplier<Set<String>> devices;
  private final Supplier<Set<String>> providers;

  /**
   * @param destinations turns a routed target into the destinations to ring
   * @param devices      the configured device ids
   * @param providers    the configured provider ids
   */
  public TransferRouting(Policies policies, Router router,
      Function<RouteTarget, List<? extends Destination>> destinations, Set<String> devices, Set<String> providers) {
    this(policies, router, destinations, fixed(devices), fixed(providers));
  }

  /** With the ids read at each transfer, from the configuration in force. */
  public TransferRouting(Policies policies, Router router,
      Function<RouteTarget, List<? extends Destination>> destinations, Supplier<Set<String>> devices,
      Supplier<Set<String>> providers) {
    this.policies = policies;
    this.router = router;
    this.destinations = destinations;
    this.devices = devices;
    this.providers = providers;
  }

  static Supplier<Set<String>> fixed(Set<String> ids) {
    Set<String> copy = Set.copyOf(ids);
    return () -> copy;
  }

  /**
   * Queues a transfer {@code transferor} asked for behind the call's other operations; when its turn comes, a
   * transferor that has left the call meanwhile (hung up) is told 487 and {@code transfer} does not run.
   */
  public void inTurn(Call call, Leg transferor, BlindTransfer.Progress progress, Runnable transfer) {
    call.enqueue(() -> {
      if (call.legs().contains(transferor)) {
        transfer.run();
      } else {
        progress.finish(Status.REQUEST_TERMINATED);
      }
      return Future.succeededFuture();
    });
  }

  /**
   * {@code transferor} asks that the other end of {@code call} be connected to {@code number}.
   *
   * @param referTo         the target as the transferor named it (the CALL_TRANSFERRED reason)
   * @param transfereeUser  who the target sees calling
   * @param headers         extra headers toward the target (the call's X- headers, the transferor's identity)
   */
  public void transfer(Call call, Leg transferor, String number, String referTo, String transfereeUser,
      Map<String, String> headers, BlindTransfer.Progress progress) {
    Optional<RouteTarget> route = router.route(number, sourceOf(transferor));
    if (route.isEmpty()) {
      progress.finish(Status.NOT_FOUND);
      return;
    }
    List<? extends Destination> targets = route.get().runsApp() ? List.of() : destinations.apply(route.get());
    if (!route.get().runsApp() && targets.isEmpty()) {
      progress.finish(Status.TEMPORARILY_UNAVAILABLE);
      return;
    }
    new BlindTransfer(policies, call, transferor, progress, referTo)
        .start(route.get(), targets, transfereeUser, headers);
  }

  private CallSource sourceOf(Leg leg) {
    String peer = leg.peer();
    if (peer != null && devices.get().contains(peer)) {
      return CallSource.device(peer);
    }
    if (peer != null && providers.get().contains(peer)) {
      return CallSource.trunk(peer);
    }
    return CallSource.unknown();
  }
}
