package io.voicegateway.control.policy;

import io.voicegateway.control.Call;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.LegState;

/**
 * Who still talks on a call, for the rule that a call lives while at least two parties are left (three-way calls
 * and conferences lose one party without ending). A party is a connected leg; an app leg counts only on a call
 * routed to that app (the caller talks to the app), not an app riding along on a bridged call (a recorder), which
 * must not keep two people's call alive after one of them left.
 */
final class Parties {
  /** Fewer than this many parties left and the call ends. */
  static final int TO_GO_ON = 2;

  private Parties() {}

  /** The parties of {@code call} other than {@code leaving} (null for none). */
  static int besides(Call call, Leg leaving) {
    boolean appCall = call.target() != null && call.target().runsApp();
    int n = 0;
    for (Leg leg : call.legs()) {
      if (leg != leaving && leg.state() == LegState.CONNECTED && !leg.transferredAway()
          && (leg.kind() != LegKind.APP || appCall)) {
        n++;
      }
    }
    return n;
  }

  /** Whether the call goes on without {@code leaving}. */
  static boolean goOnWithout(Call call, Leg leaving) {
    return besides(call, leaving) >= TO_GO_ON;
  }
}
