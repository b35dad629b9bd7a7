package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegState;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Hold and resume across a bridge: when one party holds (or resumes), the call moves ON_HOLD (RESUMED) and every
 * other connected party is held (resumed) in turn through its endpoint, so the held party's audio stops both ways.
 * A party refusing to follow leaves the first one as it is.
 */
public final class Hold {
  private static final Logger LOG = Logger.getLogger(Hold.class.getName());
  private final CallLifecycle lifecycle;

  public Hold(CallLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /** {@code from}'s far side held or resumed the call: recorded, and carried to the other parties when it changed. */
  public Future<Void> heldBy(Call call, Leg from, boolean hold) {
    if (!apply(call, from, hold)) {
      return Future.succeededFuture();
    }
    List<Future<Void>> sent = new ArrayList<>();
    for (Leg other : List.copyOf(call.legs())) {
      if (other != from && other.state() == LegState.CONNECTED && other.endpoint() != null) {
        sent.add((hold ? other.endpoint().hold() : other.endpoint().resume())
            .onFailure(err -> LOG.info("call " + call.id() + ": could not carry " + (hold ? "hold" : "resume")
                + " to " + other + ": " + err.getMessage())));
      }
    }
    return Future.join(sent).<Void>mapEmpty().otherwiseEmpty();
  }

  /**
   * Records {@code leg}'s hold state and moves the call (CALL_ON_HOLD / CALL_RESUMED) when it changed; true when
   * it did. Used alone when we held the leg ourselves (the API).
   */
  public boolean apply(Call call, Leg leg, boolean hold) {
    if (hold == leg.onHold()) {
      return false;
    }
    leg.onHold(hold);
    lifecycle.moveTo(call, hold ? CallState.ON_HOLD : CallState.RESUMED, null);
    return true;
  }
}
