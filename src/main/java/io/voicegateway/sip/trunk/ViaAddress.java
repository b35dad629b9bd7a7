package io.voicegateway.sip.trunk;

import java.util.Optional;

/**
 * The address a registrar saw a request come from, read from the {@code received}/{@code rport} parameters
 * it added to our Via (RFC 3261 §18.2.1, RFC 3581). Pure.
 */
public final class ViaAddress {
  private ViaAddress() {}

  /**
   * @param sentHost the host we wrote into Via
   * @param sentPort the port we wrote into Via
   * @param received the {@code received} parameter, or null
   * @param rport    the {@code rport} value, or ≤ 0 when absent or empty
   * @return {@code host:port} the registrar saw, when it differs from what we sent
   */
  public static Optional<String> learned(String sentHost, int sentPort, String received, int rport) {
    String host = received == null || received.isBlank() ? sentHost : received;
    int port = rport > 0 ? rport : sentPort;
    if (host.equalsIgnoreCase(sentHost) && port == sentPort) {
      return Optional.empty();
    }
    return Optional.of(hostPort(host, port));
  }

  /** {@code host:port}, with IPv6 literals bracketed. */
  public static String hostPort(String host, int port) {
    return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  /** The host of a {@link #hostPort} value, IPv6 brackets removed. */
  public static String hostOf(String hostPort) {
    String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }
}
