package io.voicegateway.config;

/**
 * @param apiToken        never empty after loading: a random one is generated when the file leaves it empty
 * @param protectOpsPages when true, {@code /health} and {@code /metrics} also require the API token
 */
public record HttpConfig(String host, int port, String apiToken, boolean apiTokenGenerated, boolean protectOpsPages) {

  /** With {@code /health} and {@code /metrics} open, the default. */
  public HttpConfig(String host, int port, String apiToken, boolean apiTokenGenerated) {
    this(host, port, apiToken, apiTokenGenerated, false);
  }
}
