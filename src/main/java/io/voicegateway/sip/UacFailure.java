package io.voicegateway.sip;

/** A request of ours got a final failure response (or none): {@code status} is 408 on timeout. */
public final class UacFailure extends RuntimeException {
  private final int status;

  public UacFailure(int status, String message) {
    super(status + " " + message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
