package io.voicegateway.webrtc.ice;

/**
 * The responder's answer to one datagram: the outcome, the response to send back to its source (null when
 * {@link CheckOutcome#DROPPED}), and whether this check nominated its pair.
 */
public record CheckResult(CheckOutcome outcome, byte[] response, boolean nominated, String reason) {
  static CheckResult dropped(String reason) {
    return new CheckResult(CheckOutcome.DROPPED, null, false, reason);
  }

  /** True for a check that proves the browser is there and wants the media: feed it to {@link ConsentFreshness}. */
  public boolean validCheck() {
    return outcome == CheckOutcome.ACCEPTED;
  }
}
