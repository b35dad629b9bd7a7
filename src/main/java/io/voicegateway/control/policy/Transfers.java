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

  /**
   * A newcomer asks to take {@code replaced}'s place (SIP: an INVITE with Replaces): until that is settled, the
   * replaced party hanging up only leaves, it does not end the call.
   */
  public void replacing(Leg replaced) {
    replaced.transferredAway(true);
  }

  /** The newcomer could not join: the replaced party stays as it was, its hang-up ends the call again. */
  public void notReplaced(Leg replaced) {
    replaced.transferredAway(false);
  }

  /**
   * The newcomer's answer went out: when it is answered and still in the call, the replaced party (if still there)
   * is hung up and leaves, and the call says it was transferred. A newcomer that went away meanwhile changes
   * nothing here: its own teardown speaks for it.
   */
  public void replaced(Call call, Leg newcomer, Leg replaced, String reason) {
    boolean answered = newcomer.endpoint() != null && !newcomer.endpoint().pending();
    if (!answered || !call.legs().contains(newcomer)) {
      return;
    }
    if (call.legs().contains(replaced)) {
      end(call, replaced);
    }
    announce(call, reason);
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
