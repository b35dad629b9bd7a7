package io.voicegateway.control.policy;

import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegRemoval;
import io.voicegateway.control.LegState;

/** What every kind of transfer does to the call: a party leaves while the call goes on, and the call says so. */
public final class Transfers {
  private final CallLifecycle lifecycle;
  private final LegRemoval removal;

  public Transfers(CallLifecycle lifecycle, LegRemoval removal) {
    this.lifecycle = lifecycle;
    this.removal = removal;
  }

  /**
   * Publishes CALL_TRANSFERRED: the state moves to TRANSFERRED when it may (the first transfer of the call),
   * otherwise the event goes out alone (a call transferred a second time).
   */
  public void announce(Call call, String reason) {
    if (CallState.eventFor(call.state(), CallState.TRANSFERRED).isPresent()) {
      lifecycle.moveTo(call, CallState.TRANSFERRED, reason);
    } else if (call.state() != CallState.TERMINATED) {
      lifecycle.publish(call, CallEventType.CALL_TRANSFERRED, reason);
    }
  }

  /** The party hung up itself: it leaves the call (media and leg). */
  public void left(Call call, Leg leg) {
    removal.remove(call, leg, "transferred");
    leg.state(LegState.ENDED);
  }

  /** We end the party's part: it is hung up and leaves the call. */
  public void end(Call call, Leg leg) {
    if (leg.endpoint() != null) {
      leg.endpoint().hangUp("transferred");
    }
    left(call, leg);
  }
}
