package io.voicegateway.browser;

import io.vertx.core.Vertx;
import io.voicegateway.config.DeviceConfig;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.Dialer;
import io.voicegateway.control.Scheduler;
import io.voicegateway.control.policy.CallControl;
import io.voicegateway.control.route.RouteTarget;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The browser leg kind as the owner of the calls composes it: built before call control (its {@link #dialer} and
 * {@link #destinations} go into control's wiring), then given control to serve the dashboard phone's requests
 * ({@link #signalling}, and {@link BrowserBusApi} on the bus). Everything runs on call control's context.
 */
public final class Browsers {
  private final BrowserParts parts;

  public Browsers(CallRegistry calls, BrowserMedia media, PhoneEvents events, Scheduler scheduler,
      List<DeviceConfig> devices) {
    this.parts = new BrowserParts(calls, media, events, scheduler, new Phones(devices, scheduler), new Sessions(),
        new PendingCalls(scheduler), new RingingPhones());
  }

  /** Over the event bus: media to the transport side, events to {@code Addresses.phone(owner)}. */
  public static Browsers overBus(Vertx vertx, CallRegistry calls, Scheduler scheduler, List<DeviceConfig> devices) {
    return new Browsers(calls, new BusBrowserMedia(vertx.eventBus()), new BusPhoneEvents(vertx.eventBus()),
        scheduler, devices);
  }

  /** Rings {@link BrowserTarget}s. */
  public Dialer dialer() {
    return new BrowserDialer(parts);
  }

  /** The pages logged in as the target's devices (none for other kinds of target), each page once. */
  public List<BrowserTarget> destinations(RouteTarget target) {
    if (target.kind() != RouteTarget.Kind.DEVICES) {
      return List.of();
    }
    Set<String> seen = new LinkedHashSet<>();
    List<BrowserTarget> out = new ArrayList<>();
    for (String device : target.devices()) {
      for (String owner : parts.phones().ownersOf(device)) {
        if (seen.add(owner)) {
          out.add(new BrowserTarget(owner, device));
        }
      }
    }
    return out;
  }

  /** The dashboard phone's requests, served with call control's routing and policies. */
  public BrowserSignalling signalling(CallControl control, LongSupplier clock) {
    return new BrowserSignalling(parts, control.router(), new SessionLinking(parts, control, clock));
  }

  /** Sessions open now (tests and leak checks). */
  public int sessions() {
    return parts.sessions().size();
  }

  /** Pending calls of step 1 waiting for their link. */
  public int pendingCalls() {
    return parts.pending().size();
  }
}
