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

  /** A failure with {@code status} whose message is {@code "status text"} (text that already says it is kept). */
  public static CallFailure of(int status, String text) {
    String prefix = status + " ";
    return new CallFailure(status, text != null && text.startsWith(prefix) ? text : prefix + text);
  }

  public int status() {
    return status;
  }
}
