package io.voicegateway.control;

import io.voicegateway.bus.CallEventType;
import java.util.Optional;

/**
 * The current state of one call. A call starts RINGING, which publishes {@link CallEventType#CALL_STARTED}
 * ({@link #STARTED_EVENT}). Not thread-safe: every call-control operation runs on the SIP verticle's context.
 */
public final class CallStateMachine {

  /** What creating a call publishes. */
  public static final CallEventType STARTED_EVENT = CallEventType.CALL_STARTED;

  private CallState state = CallState.RINGING;
  private boolean ringingPublished;

  public CallState state() {
    return state;
  }

  /**
   * Moves to {@code to} and returns the event to publish.
   *
   * @throws IllegalStateTransitionException when the move is not allowed; the state is unchanged
   */
  public CallEventType transition(CallState to) {
    CallEventType event = CallState.eventFor(state, to)
        .orElseThrow(() -> new IllegalStateTransitionException(state, to));
    state = to;
    return event;
  }

  /**
   * Records a provisional 180/183: returns {@code CALL_RINGING} the first time while RINGING, empty after that
   * (repeated 180s and forks ringing in parallel publish once).
   */
  public Optional<CallEventType> ringing() {
    if (state != CallState.RINGING || ringingPublished) {
      return Optional.empty();
    }
    ringingPublished = true;
    return Optional.of(CallEventType.CALL_RINGING);
  }

  @Override
  public String toString() {
    return "CallStateMachine[" + state + "]";
  }
}
