package io.voicegateway.control;

/**
 * The outcome codes call control speaks in. They are SIP's numbers (RFC 3261 §21), the lingua franca of
 * telephony that the API and the events carry too; a non-SIP leg kind maps its own failures onto them.
 */
public final class Status {
  public static final int RINGING = 180;
  public static final int SESSION_PROGRESS = 183;
  public static final int OK = 200;
  public static final int BAD_REQUEST = 400;
  public static final int FORBIDDEN = 403;
  public static final int NOT_FOUND = 404;
  public static final int REQUEST_TIMEOUT = 408;
  public static final int TEMPORARILY_UNAVAILABLE = 480;
  public static final int CALL_DOES_NOT_EXIST = 481;
  public static final int BUSY_HERE = 486;
  public static final int REQUEST_TERMINATED = 487;
  public static final int SERVER_INTERNAL_ERROR = 500;
  public static final int SERVICE_UNAVAILABLE = 503;
  public static final int BUSY_EVERYWHERE = 600;
  public static final int DECLINE = 603;

  private Status() {}
}
