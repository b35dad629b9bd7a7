package io.voicegateway.control;

import io.vertx.core.Future;

/** What the gateway itself can put on a call: an app (echo, …) in the call's mix, or the call's audio feed. */
public interface Attachments {
  /** Puts app {@code name} into the call's mix. */
  void attachApp(Call call, String name);

  /** Starts the call's audio feed for stream {@code name}; true when it started, false when it already ran. */
  Future<Boolean> startStream(Call call, String name);
}
