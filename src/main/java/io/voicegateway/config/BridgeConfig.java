package io.voicegateway.config;

/**
 * The {@code bridge:} section: the TCP event-bus bridge for external consumers (the SockJS bridge at
 * {@code /eventbus} lives on the HTTP server and needs no keys of its own).
 *
 * @param tcpEnabled   whether the TCP bridge listens at all
 * @param tcpRequireToken the TCP bridge accepts only frames that carry {@code http.api_token} (the SockJS
 *                     bridge always requires it, like the REST API beside it)
 */
public record BridgeConfig(boolean tcpEnabled, String tcpHost, int tcpPort, boolean tcpRequireToken) {
  public static final int DEFAULT_TCP_PORT = 7000;

  /** The defaults of an empty section: loopback only, port 7000, token required. */
  public static BridgeConfig defaults() {
    return new BridgeConfig(true, "127.0.0.1", DEFAULT_TCP_PORT, true);
  }
}
