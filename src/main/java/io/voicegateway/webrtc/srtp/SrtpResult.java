package io.voicegateway.webrtc.srtp;

/**
 * What protect/unprotect return when they do not return a packet length. Negative so that one int carries both:
 * a bad packet costs a compare and a counter, never an exception or a log line (a flood of forged packets must
 * not become a flood of stack traces).
 */
public final class SrtpResult {
  /** The tag did not match: forged, corrupted, or keyed for another session. */
  public static final int AUTH_FAILED = -1;
  /** The index was already seen, or is older than the replay window. */
  public static final int REPLAYED = -2;
  /** Too short, not RTP version 2, or a header longer than the packet. */
  public static final int MALFORMED = -3;
  /** The caller's buffer has no room after the packet for the tag (and the SRTCP index). */
  public static final int NO_ROOM = -4;
  /** More SSRCs than one context tracks ({@link SrtpContext#MAX_STREAMS}). */
  public static final int TOO_MANY_STREAMS = -5;

  private SrtpResult() {
  }

  public static String name(int result) {
    return switch (result) {
      case AUTH_FAILED -> "auth-failed";
      case REPLAYED -> "replayed";
      case MALFORMED -> "malformed";
      case NO_ROOM -> "no-room";
      case TOO_MANY_STREAMS -> "too-many-streams";
      default -> result >= 0 ? "ok" : "unknown(" + result + ")";
    };
  }
}
