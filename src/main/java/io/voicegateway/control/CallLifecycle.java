package io.voicegateway.control;

import io.voicegateway.bus.CallEventType;

/**
 * What happens to a call as a whole, wired in by the owner of the calls: its events go out, its state moves
 * (with the event and metrics that go with each move), and it ends (media closed, CALL_TERMINATED, forgotten).
 */
public interface CallLifecycle {
  /** Publishes an event of the call (CALL_RINGING, CALL_TRANSFERRED when no state move goes with it, …). */
  void publish(Call call, CallEventType type, String reason);

  /** Moves the call and publishes the event when the move is legal; a no-op otherwise. */
  void moveTo(Call call, CallState state, String reason);

  /** Ends the call on our side: every leg's media closes, CALL_TERMINATED, the call is forgotten. Idempotent. */
  void terminate(Call call, String reason);
}
