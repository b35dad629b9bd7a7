package io.voicegateway.control;

/**
 * One outgoing attempt toward a {@link Destination}, as a new leg of a call. Prepared first (the leg exists and
 * its media is allocated), then started, so that a fork can start every branch in one turn.
 */
public interface Dial {
  /** The leg this dial adds to the call. */
  Leg leg();

  /** Sends the call out; outcomes follow on the dial's listener. */
  void start();

  /**
   * Lets the media offered before the answer into the call ({@link DialOutcome.EarlyMedia}); false when that
   * media is unusable, and the offer then counts as plain ringing.
   */
  boolean takeEarlyMedia();

  /** The far side answered and won: its media joins the call. */
  void join();

  /**
   * Gives up on this destination: cancels it while it rings, hangs it up if it answered after all, frees its media
   * and takes its leg out of the call. Idempotent.
   */
  void cancel();
}
