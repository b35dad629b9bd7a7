package io.voicegateway.control;

/** What becomes of one {@link Dial}: progress (any number of times), then exactly one of answered or failed. */
public sealed interface DialOutcome {
  /** The far side alerts (SIP 180, or a 183 without media). */
  record Ringing(int status) implements DialOutcome {}

  /**
   * The far side offers media before answering (a trunk's ringback or announcement); {@link Dial#takeEarlyMedia}
   * lets it into the call.
   */
  record EarlyMedia(int status) implements DialOutcome {}

  /** The far side answered; {@link Dial#join} lets its media into the call, {@link Dial#cancel} hangs it up. */
  record Answered() implements DialOutcome {}

  /** The far side refused, timed out, or the dial was cancelled (487). */
  record Failed(int status, String reason) implements DialOutcome {}
}
