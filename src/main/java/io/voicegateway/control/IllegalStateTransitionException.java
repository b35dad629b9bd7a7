package io.voicegateway.control;

/** A call was asked to move where {@link CallState#eventFor} does not allow. */
public final class IllegalStateTransitionException extends IllegalStateException {

  private final CallState from;
  private final CallState to;

  public IllegalStateTransitionException(CallState from, CallState to) {
    super("illegal call state transition " + from + " -> " + to);
    this.from = from;
    this.to = to;
  }

  public CallState from() {
    return from;
  }

  public CallState to() {
    return to;
  }
}
