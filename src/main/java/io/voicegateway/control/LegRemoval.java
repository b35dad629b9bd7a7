package io.voicegateway.control;

/** Takes one party out of a call that goes on without it: its media leaves the mixer and the leg leaves the call. */
@FunctionalInterface
public interface LegRemoval {
  void remove(Call call, Leg leg, String reason);
}
