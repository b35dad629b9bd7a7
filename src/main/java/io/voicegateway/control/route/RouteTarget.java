package io.voicegateway.control.route;

import java.time.Duration;
import java.util.List;

/**
 * Where the {@link Router} sends a call.
 *
 * @param kind        what kind of target
 * @param name        the app name ("echo"), IVR menu, voicemail box, stream name or provider id; null for
 *                    DEVICES
 * @param devices     the device ids to ring in parallel (DEVICES only, otherwise empty)
 * @param number      the called number after the route's strip/prepend: what a trunk is asked to dial;
 *                    null when the target was not picked from a called number
 * @param ringTimeout how long DEVICES ring before {@code onNoAnswer}; null for other kinds
 * @param onNoAnswer  where an unanswered DEVICES target goes; null: the caller gets "no answer"
 */
public record RouteTarget(Kind kind, String name, List<String> devices, String number, Duration ringTimeout,
    RouteTarget onNoAnswer) {
  public enum Kind { APP, IVR, VOICEMAIL, STREAM, DEVICES, PROVIDER }

  public RouteTarget {
    devices = List.copyOf(devices);
  }

  /** Whether the gateway answers the call itself: an app, or a stream (the caller's audio goes to the feed). */
  public boolean answeredHere() {
    return kind == Kind.APP || kind == Kind.STREAM;
  }

  public static RouteTarget app(String name) {
    return new RouteTarget(Kind.APP, name, List.of(), null, null, null);
  }
}
