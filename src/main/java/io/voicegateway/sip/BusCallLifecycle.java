package io.voicegateway.sip;

import io.vertx.core.eventbus.EventBus;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegState;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Call control's {@link CallLifecycle} for calls whose legs are SIP legs: events go out on
 * {@link Addresses#CALL_EVENTS}, the call counts in the metrics from CONNECTED on, and an ended (or left) call's
 * media closes and its SIP legs are forgotten. No SIP signalling: that is the caller's job.
 */
final class BusCallLifecycle implements CallLifecycle {
  private static final Logger LOG = Logger.getLogger(BusCallLifecycle.class.getName());
  private final EventBus bus;
  private final CallMetrics metrics;
  private final CallRegistry calls;
  private final SipLegs legs;
  private final BusMedia media;
  private final LongSupplier clock;

  /** @param clock the epoch milliseconds events and durations are stamped with */
  BusCallLifecycle(EventBus bus, CallMetrics metrics, CallRegistry calls, SipLegs legs, BusMedia media,
      LongSupplier clock) {
    this.bus = bus;
    this.metrics = metrics;
    this.calls = calls;
    this.legs = legs;
    this.media = media;
    this.clock = clock;
  }

  @Override
  public void publish(Call call, CallEventType type, String reason) {
    bus.publish(Addresses.CALL_EVENTS, call.event(type, reason, clock.getAsLong()));
  }

  /**
   * Moves the call and publishes the event when the move is legal; a no-op otherwise. A call counts as
   * active (vg_media_active_calls, vg_media_total_calls) from CONNECTED on: rejected and cancelled calls
   * never carried media.
   */
  @Override
  public void moveTo(Call call, CallState state, String reason) {
    call.moveTo(state, clock.getAsLong()).ifPresent(type -> {
      if (state == CallState.CONNECTED) {
        metrics.callStarted();
      }
      publish(call, type, reason);
    });
  }

  /**
   * Ends the call on our side: closes the media of every leg, publishes CALL_TERMINATED, records the
   * duration and forgets the call.
   */
  @Override
  public void terminate(Call call, String reason) {
    if (call.state() == CallState.TERMINATED) {
      return;
    }
    call.legs().forEach(leg -> {
      media.close(call, leg, reason);
      leg.state(LegState.ENDED);
    });
    boolean wasConnected = call.state() != CallState.RINGING;
    moveTo(call, CallState.TERMINATED, reason);
    if (wasConnected) {
      metrics.callEnded(call.connectedDuration(clock.getAsLong()));
    }
    legs.removeAll(call);
    calls.remove(call);
    LOG.fine(() -> "call " + call.id() + " ended: " + reason);
  }

  /**
   * A party leaves a call that goes on (call control's {@link io.voicegateway.control.LegRemoval}): its media
   * closes, its SIP side is forgotten (no BYE from us).
   */
  void leave(Call call, Leg leg, String reason) {
    media.close(call, leg, reason);
    legs.of(leg).ifPresentOrElse(sip -> {
      sip.dialog(null);
      legs.remove(call, sip);
    }, () -> calls.removeLeg(call, leg));
  }
}
