package io.voicegateway.config;

import java.util.List;

/**
 * What an IVR menu does for a key ({@code options}), after too many retries ({@code default}), or with digits the
 * caller typed ({@link Extension}, {@link Dial}). Every name in an action was checked against the configuration
 * when it was read.
 */
public sealed interface IvrAction {
  /** Rings {@code devices} in parallel (first answer wins); the caller stays in the menu if nobody answers. */
  record Ring(List<String> devices) implements IvrAction {
    public Ring {
      devices = List.copyOf(devices);
    }
  }

  /** Calls a number the administrator fixed through {@code provider}. */
  record Call(String number, String provider) implements IvrAction {}

  /**
   * Collects digits and routes them as the caller would have dialled them (same routes, same source): the
   * toll-fraud guard applies, so a trunk caller never reaches a provider this way.
   */
  record Dial() implements IvrAction {}

  /** Collects digits and rings the device whose extension they are. */
  record Extension() implements IvrAction {}

  /** Enters another menu ({@code back} returns). */
  record Menu(String name) implements IvrAction {}

  /** Hands the call to voicemail box {@code box}. */
  record Voicemail(String box) implements IvrAction {}

  /** Hands the call to app {@code name} of the catalog, started with {@code argument} (or null). */
  record App(String name, String argument) implements IvrAction {}

  /** Sends the caller's audio to stream {@code name}. */
  record Stream(String name) implements IvrAction {}

  /** Plays the menu's greeting again. */
  record Repeat() implements IvrAction {}

  /** Returns to the menu this one was entered from (the same menu at the top). */
  record Back() implements IvrAction {}

  /** Ends the call. */
  record Hangup() implements IvrAction {}
}
