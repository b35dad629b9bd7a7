package io.voicegateway.control;

import io.voicegateway.bus.CallDirection;

/** Legs as the policy tests set them up. */
public final class TestLegs {
  private TestLegs() {}

  /** A connected inbound SIP leg of {@code call}, driven through {@code endpoint}. */
  public static Leg connected(CallRegistry calls, Call call, Endpoint endpoint) {
    Leg leg = Leg.of(LegKind.SIP, CallDirection.INBOUND);
    leg.endpoint(endpoint);
    leg.state(LegState.CONNECTED);
    calls.addLeg(call, leg);
    return leg;
  }
}
