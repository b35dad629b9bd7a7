package io.voicegateway.call;

/**
 * Where the {@link Router} sends an inbound call.
 *
 * @param kind APP: attach a telephony app to the call; (later) DEVICE, TRUNK
 * @param name the app name ("echo"), device or trunk id
 */
public record RouteTarget(Kind kind, String name) {
  public enum Kind { APP }

  public static RouteTarget app(String name) {
    return new RouteTarget(Kind.APP, name);
  }
}
