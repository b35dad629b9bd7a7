package io.voicegateway.config;

/**
 * @param apiToken        never empty after loading: a random one is generated when the file leaves it empty
 * @param protectOpsPages when true, {@code /health} and {@code /metrics} also require the API token
 * @param tlsCert         PEM certificate chain for HTTPS, or null for plain HTTP (set together with {@code tlsKey})
 * @param tlsKey          its unencrypted PEM private key, or null
 */
public record HttpConfig(String host, int port, String apiToken, boolean apiTokenGenerated, boolean protectOpsPages,
    String tlsCert, String tlsKey) {

  /** Plain HTTP. */
  public HttpConfig(String host, int port, String apiToken, boolean apiTokenGenerated, boolean protectOpsPages) {
    this(host, port, apiToken, apiTokenGenerated, protectOpsPages, null, null);
  }

  /** Plain HTTP, with {@code /health} and {@code /metrics} open, the default. */
  public HttpConfig(String host, int port, String apiToken, boolean apiTokenGenerated) {
    this(host, port, apiToken, apiTokenGenerated, false);
  }

  /** True when the server speaks HTTPS (and the dashboard's WebSocket WSS): browsers allow a microphone then. */
  public boolean tls() {
    return tlsCert != null;
  }
}
