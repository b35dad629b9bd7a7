package io.voicegateway.config;

import java.util.List;

/** Reads the {@code bridge:} section. Secure by default: loopback only, and the API token is required. */
final class BridgeSectionReader {
  static final List<String> KEYS = List.of("tcp_enabled", "tcp_host", "tcp_port", "tcp_require_token");

  private BridgeSectionReader() {}

  static BridgeConfig read(ConfigMap bridge) {
    BridgeConfig d = BridgeConfig.defaults();
    return new BridgeConfig(
        bridge.bool("tcp_enabled", d.tcpEnabled()),
        bridge.value("tcp_host", d.tcpHost(), HostAddresses::host),
        bridge.port("tcp_port", d.tcpPort()),
        bridge.bool("tcp_require_token", d.tcpRequireToken()));
  }
}
