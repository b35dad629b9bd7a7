package io.voicegateway.media;

/**
 * Decides when a leg's incoming media has stopped, come back, or is gone for good: no RTP for
 * {@code rtp_timeout} → stopped; stopped for {@code reconnection_timeout} more → lost (the call is hung
 * up). A held leg is not expected to send, so the clock restarts while it is held. Pure state machine on a
 * caller's monotonic clock; one thread (the leg's RTP event loop) drives it.
 */
public final class MediaWatchdog {
  public enum Change { NONE, STARTED, STOPPED, LOST }

  private enum State { WAITING, FLOWING, STOPPED, LOST }

  private final long rtpTimeoutNanos;
  private final long reconnectionNanos;
  private State state = State.WAITING;
  private long since;
  private long lastPacket;

  public MediaWatchdog(long rtpTimeoutNanos, long reconnectionNanos, long nowNanos) {
    this.rtpTimeoutNanos = rtpTimeoutNanos;
    this.reconnectionNanos = reconnectionNanos;
    this.since = nowNanos;
  }

  /** A valid packet arrived. Returns STARTED when media begins or comes back. */
  public Change onPacket(long nowNanos) {
    lastPacket = nowNanos;
    if (state == State.FLOWING || state == State.LOST) {
      return Change.NONE;
    }
    state = State.FLOWING;
    return Change.STARTED;
  }

  /** Periodic check; {@code expectingMedia} is false while the leg is on hold or not started. */
  public Change check(long nowNanos, boolean expectingMedia) {
    if (state == State.LOST) {
      return Change.NONE;
    }
    if (!expectingMedia) {
      if (state == State.STOPPED) {
        state = State.WAITING;
      }
      since = nowNanos;
      lastPacket = nowNanos;
      return Change.NONE;
    }
    switch (state) {
      case FLOWING, WAITING -> {
        long quietSince = state == State.FLOWING ? lastPacket : Math.max(since, lastPacket);
        if (nowNanos - quietSince >= rtpTimeoutNanos) {
          state = State.STOPPED;
          since = nowNanos;
          return Change.STOPPED;
        }
      }
      case STOPPED -> {
        if (nowNanos - since >= reconnectionNanos) {
          state = State.LOST;
          return Change.LOST;
        }
      }
      default -> { }
    }
    return Change.NONE;
  }
}
