package io.voicegateway.control.route;

/**
 * Who sent a request, as far as the gateway can vouch for it: a configured trunk (by source address or
 * registration), a device that passed digest authentication, or neither.
 *
 * @param id the provider or device id; null for UNKNOWN
 */
public record CallSource(Kind kind, String id) {
  public enum Kind { TRUNK, DEVICE, UNKNOWN }

  private static final CallSource UNKNOWN = new CallSource(Kind.UNKNOWN, null);

  public static CallSource trunk(String providerId) {
    return new CallSource(Kind.TRUNK, providerId);
  }

  public static CallSource device(String deviceId) {
    return new CallSource(Kind.DEVICE, deviceId);
  }

  public static CallSource unknown() {
    return UNKNOWN;
  }
}
