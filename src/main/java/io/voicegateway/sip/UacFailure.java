package io.voicegateway.sip;

import io.voicegateway.control.CallFailure;

/** A request of ours got a final failure response (or none): {@code status} is 408 on timeout. */
public final class UacFailure extends CallFailure {
  public UacFailure(int status, String message) {
    super(status, status + " " + message);
  }
}
