package io.voicegateway.control.policy;

import io.vertx.core.Future;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.AudioFeeds;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.CallState;

/**
 * Starting and stopping a call's audio feed (a route's {@code stream:}, the API, a bridge command), bracketed by
 * AUDIO_STARTED / AUDIO_STOPPED, which carry the call's From/To/X- headers. The bracket events have a reason
 * starting with {@link #REASON}, which tells them apart from the RTP watchdog's (reason null). Keeps no state: the
 * media side's answers say whether a feed runs.
 */
public final class AudioFeed {
  /** Reason of the bracket events when the API or a bridge command started or stopped the feed. */
  public static final String REASON = "stream";
  /** Reason of the AUDIO_STOPPED that follows CALL_TERMINATED of a streaming call. */
  public static final String REASON_CALL_ENDED = "stream:call ended";

  private final AudioFeeds feeds;
  private final CallLifecycle lifecycle;

  public AudioFeed(AudioFeeds feeds, CallLifecycle lifecycle) {
    this.feeds = feeds;
    this.lifecycle = lifecycle;
  }

  /**
   * Starts the feed and publishes AUDIO_STARTED (reason {@code "stream"}, or {@code "stream:NAME"} for a route's
   * stream). Legs the call gains later join the feed. True when the feed was started, false when it already ran.
   *
   * @param streamName the route's stream name, or null when the API or a bridge command asked
   */
  public Future<Boolean> start(Call call, String streamName) {
    return feeds.start(call).map(started -> {
      if (started && call.state() == CallState.TERMINATED) {
        // The call ended while media was starting the feed: its end-of-call stop may have come first.
        feeds.stop(call.id());
        return false;
      }
      if (started) {
        lifecycle.publish(call, CallEventType.AUDIO_STARTED, streamName == null ? REASON : REASON + ":" + streamName);
      }
      return started;
    });
  }

  /** Stops the feed and publishes AUDIO_STOPPED; true when a feed was running. */
  public Future<Boolean> stop(Call call) {
    return feeds.stop(call.id()).map(stopped -> {
      if (stopped) {
        lifecycle.publish(call, CallEventType.AUDIO_STOPPED, REASON);
      }
      return stopped;
    });
  }

  /**
   * The call ended (its legs are closing; {@link FeedStoppingLifecycle} asks): a feed still running is stopped, and
   * only when one ran is AUDIO_STOPPED published (reason {@link #REASON_CALL_ENDED}), after CALL_TERMINATED, so the
   * bracket closes for every ending and a call that never streamed says nothing.
   */
  public Future<Boolean> ended(Call call) {
    return feeds.stop(call.id()).map(stopped -> {
      if (stopped) {
        lifecycle.publish(call, CallEventType.AUDIO_STOPPED, REASON_CALL_ENDED);
      }
      return stopped;
    });
  }
}
