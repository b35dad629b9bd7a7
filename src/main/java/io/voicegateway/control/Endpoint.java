package io.voicegateway.control;

import io.vertx.core.Future;

/**
 * A leg's far side as call control drives it, whatever the leg's kind: a SIP dialog (phone, trunk) today, a
 * browser, a stream consumer or an app next. Every method runs on the context that owns the call.
 */
public interface Endpoint {
  /** Tells an unanswered caller it rings (SIP 180) or that a session is in progress (183, no media). */
  void progress(int status);

  /** Gives an unanswered caller early media: its media starts before the answer (SIP 183 with our answer). */
  void earlyMedia();

  /** Answers an unanswered caller; completes once the answer is out (media running). */
  Future<Void> answer();

  /** Refuses an unanswered caller with {@code status}; the call ends. */
  void reject(int status, String reason);

  /** True until the caller was answered, rejected or gave up. */
  boolean pending();

  /** Puts the far side on hold (it stops hearing us: SIP re-INVITE sendonly). */
  Future<Void> hold();

  /** Takes the far side off hold. */
  Future<Void> resume();

  /**
   * Sends DTMF {@code digits} (0-9 * # A-D) to the far side, in the way its kind carries them: RFC 4733 events in a
   * SIP leg's RTP (through {@link MediaControl}), a data-channel or text message for a browser or stream, a key
   * press for an app. Completes once the digits are handed on; fails when this leg cannot carry them now.
   */
  Future<Void> sendDtmf(String digits);

  /**
   * Ends this leg toward its far side, whatever its stage: hangs up a connected leg, refuses an unanswered
   * caller (487), cancels a leg still ringing out. Completes when the far side confirmed (or timed out).
   */
  Future<Void> hangUp(String reason);
}
