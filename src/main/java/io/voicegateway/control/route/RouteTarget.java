package io.voicegateway.control.route;

import java.time.Duration;
import java.util.List;

/**
 * Where the {@link Router} sends a call.
 *
 * @param kind        what kind of target
 * @param name        the app name ("echo"), IVR menu, voicemail box, stream name or provider id; the contact for
 *                    BINDING; null for DEVICES
 * @param devices     the device ids to ring in parallel (DEVICES; BINDING: its one device; otherwise empty)
 * @param number      the called number after the route's strip/prepend: what a trunk is asked to dial;
 *                    null when the target was not picked from a called number
 * @param ringTimeout how long DEVICES ring before {@code onNoAnswer}; null for other kinds
 * @param onNoAnswer  where an unanswered DEVICES target goes; null: the caller gets "no answer"
 * @param record      whether call control records the call once it is answered (the route's {@code record: true})
 */
public record RouteTarget(Kind kind, String name, List<String> devices, String number, Duration ringTimeout,
    RouteTarget onNoAnswer, boolean record) {
  /**
   * BINDING: one registered contact of a device whose connection this node holds, rung for another node of the
   * cluster (that node routed the call; this one only carries it over the connection). No route ever yields it.
   */
  public enum Kind { APP, IVR, VOICEMAIL, STREAM, DEVICES, PROVIDER, BINDING }

  public RouteTarget {
    devices = List.copyOf(devices);
  }

  /** A target whose call is not recorded. */
  public RouteTarget(Kind kind, String name, List<String> devices, String number, Duration ringTimeout,
      RouteTarget onNoAnswer) {
    this(kind, name, devices, number, ringTimeout, onNoAnswer, false);
  }

  /** This target (and its no-answer fallback) with the route's {@code record}. */
  public RouteTarget recorded(boolean recorded) {
    if (recorded == record) {
      return this;
    }
    return new RouteTarget(kind, name, devices, number, ringTimeout,
        onNoAnswer == null ? null : onNoAnswer.recorded(recorded), recorded);
  }

  /**
   * Whether the gateway answers the call itself: an app (an IVR menu and a voicemail box are apps too), or a
   * stream (the caller's audio goes to the feed).
   */
  public boolean answeredHere() {
    return runsApp() || kind == Kind.STREAM;
  }

  /** Whether an app of the catalog takes the call: {@code app:}, {@code ivr:} or {@code voicemail:}. */
  public boolean runsApp() {
    return kind == Kind.APP || kind == Kind.IVR || kind == Kind.VOICEMAIL;
  }

  /**
   * The catalog app that takes the call: {@code ivr} for an IVR menu, {@code voicemail} for a box, else the
   * first word of {@code app:} ({@code conference} of {@code app: conference sales}); null when no app runs.
   */
  public String appName() {
    return switch (kind) {
      case IVR -> "ivr";
      case VOICEMAIL -> "voicemail";
      case APP -> name.split(" ", 2)[0];
      default -> null;
    };
  }

  /**
   * What the app is started with: the menu of {@code ivr:}, the box of {@code voicemail:}, or what follows the
   * app's name in {@code app:} ({@code sales} of {@code app: conference sales}); null for none.
   */
  public String appArgument() {
    return switch (kind) {
      case IVR, VOICEMAIL -> name;
      case APP -> {
        String[] words = name.split(" ", 2);
        yield words.length > 1 ? words[1].strip() : null;
      }
      default -> null;
    };
  }

  /** One contact of {@code device}, held here, rung for another node ({@link Kind#BINDING}). */
  public static RouteTarget binding(String device, String contact, Duration ringTimeout) {
    return new RouteTarget(Kind.BINDING, contact, List.of(device), device, ringTimeout, null);
  }

  public static RouteTarget app(String name) {
    return new RouteTarget(Kind.APP, name, List.of(), null, null, null);
  }
}
