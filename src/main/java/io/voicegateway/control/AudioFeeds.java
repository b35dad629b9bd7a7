package io.voicegateway.control;

import io.vertx.core.Future;

/**
 * A call's audio feed as the media that mixes the call runs it (16 kHz, for stream consumers): only the media side
 * knows whether a feed runs, so each answer says whether the request changed anything.
 */
public interface AudioFeeds {
  /** Starts the call's feed; true when it started, false when it already ran. */
  Future<Boolean> start(Call call);

  /** Stops the call's feed; true when one ran. By id: a call that has ended is no longer in the registry. */
  Future<Boolean> stop(String callId);
}
