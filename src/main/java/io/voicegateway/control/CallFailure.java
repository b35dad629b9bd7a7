package io.voicegateway.control;

/**
 * A call-control operation that failed with a {@link Status} code: the far side's final answer (486, 603, …), 408
 * when none came, 404 for a call that does not exist. Its message starts with the code, as the API repeats it.
 */
public class CallFailure extends RuntimeException {
  private final int status;

  /** @param message the whole message, already naming the status */
  protected CallFailure(int status, String message) {
    super(message);
    this.status = status;
  }

  /** A failure with {@code status} whose message is {@code "status text"}. */
  public static CallFailure of(int status, String text) {
    return new CallFailure(status, status + " " + text);
  }

  /** A failure whose {@code message} already says the status (a far side's "486 Busy Here"). */
  public static CallFailure verbatim(int status, String message) {
    return new CallFailure(status, message);
  }

  public int status() {
    return status;
  }
}
