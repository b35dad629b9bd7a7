package io.voicegateway;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.TrunkRegistrationEvent;
import io.voicegateway.bus.TrunkState;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code vg_trunk_registrations{state}}: how many trunk registrations are in each state now, followed from
 * {@link Addresses#TRUNK_REGISTRATION_EVENTS} (so sip/ needs no meter); the alert "trunk registration failing"
 * reads {@code state="failed"}. A registration a reload removed ends STOPPED.
 */
final class TrunkRegistrationMeters {
  private final Map<String, TrunkState> byAor = new ConcurrentHashMap<>();

  private TrunkRegistrationMeters() {}

  static void register(Vertx vertx, MeterRegistry registry) {
    TrunkRegistrationMeters meters = new TrunkRegistrationMeters();
    for (TrunkState state : TrunkState.values()) {
      Gauge.builder("vg_trunk_registrations", meters, m -> m.count(state))
          .description("Trunk registrations by state").tag("state", state.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
    vertx.eventBus().<TrunkRegistrationEvent>consumer(Addresses.TRUNK_REGISTRATION_EVENTS,
        msg -> meters.byAor.put(msg.body().aor(), msg.body().state()));
  }

  private long count(TrunkState state) {
    return byAor.values().stream().filter(s -> s == state).count();
  }
}
