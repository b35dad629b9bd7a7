package io.voicegateway.control;

/** What the gateway itself can put on a call: an app (echo, …) in the call's mix (streams: {@link AudioFeeds}). */
public interface Attachments {
  /**
   * Puts app {@code name} into the call's mix, started with {@code argument} (an IVR menu, a voicemail box, a
   * conference room; null for none).
   */
  void attachApp(Call call, String name, String argument);
}
