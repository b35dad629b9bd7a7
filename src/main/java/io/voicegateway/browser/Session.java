package io.voicegateway.browser;

import io.voicegateway.control.Call;
import io.voicegateway.control.Leg;
import io.voicegateway.control.Scheduler;

/**
 * One WebRTC session of a page (step 2): its media is opened under {@code sessionCallId(id)} as leg {@code legId}
 * and, once linked (step 3), is that leg of a call. Touched only on call control's context.
 */
final class Session {
  enum State {
    /** The offer is with the media side. */
    OPENING,
    /** Answered, not in a call yet. */
    OPEN,
    /** Linked into {@link #call} as {@link #leg}. */
    LINKED,
    /** Closed; its media is gone or going. */
    CLOSED
  }

  final String id;
  final String owner;
  final String legId;
  State state = State.OPENING;
  int payloadType;
  int dtmfPayloadType = -1;
  Call call;
  Leg leg;
  /** Closes the session when it is not linked in time. */
  Scheduler.Timer expiry;

  Session(String id, String owner, String legId) {
    this.id = id;
    this.owner = owner;
    this.legId = legId;
  }

  /** Stops the expiry timer (linked or closed). */
  void settle() {
    if (expiry != null) {
      expiry.cancel();
      expiry = null;
    }
  }

  @Override
  public String toString() {
    return "session " + id + " (" + state + ")";
  }
}
