package io.voicegateway.config;

import java.time.Duration;
import java.util.List;

/**
 * One routing rule ({@code routes[]}); the first rule that matches wins. Exactly one of ring, app, ivr,
 * voicemail, stream and provider is set (the others are null or, for ring, empty).
 *
 * @param match       {@code 123} exact, {@code 123*} prefix ({@code *} alone: anything), {@code /re/} regex
 * @param ring        device ids rung in parallel
 * @param strip       leading characters removed from the called number before {@code prepend}
 * @param ringTimeout how long devices ring before {@code onNoAnswer} (ring routes only)
 * @param onNoAnswer  where an unanswered ring goes, or null: the caller then gets 480
 * @param from        which callers may use the rule
 * @param record      whether the call is recorded from its answer ({@code record: true})
 */
public record RouteConfig(Direction direction, String match, List<String> ring, String app, String ivr,
    String voicemail, String stream, String provider, int strip, String prepend, Duration ringTimeout,
    Fallback onNoAnswer, From from, boolean record) {

  /** A rule that does not record its calls. */
  public RouteConfig(Direction direction, String match, List<String> ring, String app, String ivr, String voicemail,
      String stream, String provider, int strip, String prepend, Duration ringTimeout, Fallback onNoAnswer, From from) {
    this(direction, match, ring, app, ivr, voicemail, stream, provider, strip, prepend, ringTimeout, onNoAnswer, from,
        false);
  }

  public enum Direction { INBOUND, OUTBOUND }

  /**
   * ANY includes callers that are neither a trunk nor an authenticated device; KNOWN is trunks and
   * devices. Outbound routes admit only DEVICE: an unknown caller or a trunk must never reach a trunk.
   */
  public enum From { ANY, KNOWN, TRUNK, DEVICE }

  /** The target of {@code on_no_answer}: one of ring (device ids), app, ivr, voicemail, stream. */
  public record Fallback(String kind, List<String> names) {}
}
