package io.voicegateway.control.route;

/**
 * Who sent a request, as far as the gateway can vouch for it: a configured trunk (by source address or
 * registration), a device that passed digest authentication, another node of the cluster (its pass checked), or
 * neither.
 *
 * @param id the provider, device or node id; null for UNKNOWN
 */
public record CallSource(Kind kind, String id) {
  public enum Kind { TRUNK, DEVICE, NODE, UNKNOWN }

  private static final CallSource UNKNOWN = new CallSource(Kind.UNKNOWN, null);

  public static CallSource trunk(String providerId) {
    return new CallSource(Kind.TRUNK, providerId);
  }

  public static CallSource device(String deviceId) {
    return new CallSource(Kind.DEVICE, deviceId);
  }

  /** Another node of the cluster, ringing a device whose connection this node holds. */
  public static CallSource node(String nodeId) {
    return new CallSource(Kind.NODE, nodeId);
  }

  public static CallSource unknown() {
    return UNKNOWN;
  }
}
