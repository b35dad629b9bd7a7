package io.voicegateway.logging;

/**
 * What java.util.logging lacks of an MDC: the SIP Call-ID of the request the current thread is handling, which the
 * JSON format writes as {@code callId}. Set around the synchronous part of handling one message; work that continues
 * later (a future's callback) logs without it.
 */
public final class LogContext {
  private static final ThreadLocal<String> CALL_ID = new ThreadLocal<>();

  private LogContext() {}

  /** Runs {@code work} with {@code callId} as the current thread's call id, then restores the previous one. */
  public static void withCallId(String callId, Runnable work) {
    String previous = CALL_ID.get();
    CALL_ID.set(callId);
    try {
      work.run();
    } finally {
      if (previous == null) {
        CALL_ID.remove();
      } else {
        CALL_ID.set(previous);
      }
    }
  }

  /** The call id of the message this thread is handling, or null. */
  public static String callId() {
    return CALL_ID.get();
  }
}
