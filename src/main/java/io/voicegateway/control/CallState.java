package io.voicegateway.control;

import io.voicegateway.bus.CallEventType;
import java.util.Optional;

/**
 * The life of a call: RINGING → CONNECTED → (ON_HOLD ⇄ RESUMED) → TRANSFERRED → TERMINATED, and CANCEL or
 * reject from RINGING straight to TERMINATED. {@link #eventFor} is the single source of truth for which moves
 * are legal and what each one publishes.
 *
 * <p>Events outside this table: creating a call (it is born RINGING) publishes {@code CALL_STARTED}; the first
 * 180/183 while RINGING publishes {@code CALL_RINGING} once (see {@link CallStateMachine#ringing()}) — ringing
 * is progress inside a state, not a state change.
 */
public enum CallState {
  RINGING,
  CONNECTED,
  ON_HOLD,
  RESUMED,
  TRANSFERRED,
  TERMINATED;

  public boolean isTerminal() {
    return this == TERMINATED;
  }

  /**
   * The event a move from {@code from} to {@code to} publishes, or empty when the move is not allowed.
   * Every legal move publishes the event named after its target state.
   */
  public static Optional<CallEventType> eventFor(CallState from, CallState to) {
    boolean allowed = switch (to) {
      case RINGING -> false;
      case CONNECTED -> from == RINGING;
      case ON_HOLD -> from == CONNECTED || from == RESUMED;
      case RESUMED -> from == ON_HOLD;
      case TRANSFERRED -> from == CONNECTED || from == ON_HOLD || from == RESUMED;
      case TERMINATED -> !from.isTerminal();
    };
    return allowed ? Optional.of(to.entryEvent()) : Optional.empty();
  }

  /** The event published on entering this state. */
  private CallEventType entryEvent() {
    return switch (this) {
      case RINGING -> CallEventType.CALL_RINGING;
      case CONNECTED -> CallEventType.CALL_CONNECTED;
      case ON_HOLD -> CallEventType.CALL_ON_HOLD;
      case RESUMED -> CallEventType.CALL_RESUMED;
      case TRANSFERRED -> CallEventType.CALL_TRANSFERRED;
      case TERMINATED -> CallEventType.CALL_TERMINATED;
    };
  }
}
