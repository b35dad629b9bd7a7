package io.voicegateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code cluster:} section. Every key is checked even while {@code enabled} is false, so a typo shows
 * before the day the cluster is switched on.
 */
final class ClusterSectionReader {
  static final List<String> KEYS = List.of("enabled", "node_name", "host", "port", "members", "bus_host",
      "bus_port", "heartbeat", "failure_timeout");

  private ClusterSectionReader() {}

  static ClusterConfig read(ConfigMap cluster) {
    ClusterConfig d = ClusterConfig.disabled();
    boolean enabled = cluster.bool("enabled", d.enabled());
    String nodeName = cluster.text("node_name", d.nodeName()).trim();
    String host = cluster.value("host", d.host(), ClusterSectionReader::literalHost);
    int port = cluster.port("port", d.port());
    List<String> members = cluster.value("members", d.members(), ClusterSectionReader::members);
    String busHost = cluster.value("bus_host", d.busHost(), ClusterSectionReader::literalHost);
    int busPort = cluster.value("bus_port", d.busPort(), v -> v.asInt(0, 65535));
    Duration heartbeat = cluster.positiveDuration("heartbeat", d.heartbeat());
    Duration failureTimeout = cluster.positiveDuration("failure_timeout", d.failureTimeout());
    if (failureTimeout.compareTo(heartbeat.multipliedBy(2)) < 0) {
      throw cluster.get("failure_timeout").error("must be at least twice cluster.heartbeat (" + heartbeat.toMillis()
          + " ms), or a single late heartbeat declares a live node dead");
    }
    if (enabled && members.isEmpty()) {
      throw cluster.get("members").error("must list at least one member (host:port) when cluster.enabled is true");
    }
    return new ClusterConfig(enabled, nodeName, host, port, members, busHost, busPort, heartbeat, failureTimeout);
  }

  /** Hazelcast announces this address to the others: a wildcard would announce nothing reachable. */
  private static String literalHost(ConfigValue v) {
    String host = HostAddresses.host(v);
    if (host.equals("0.0.0.0") || host.equals("::")) {
      throw v.error("must be the address other nodes reach this one on, not the wildcard " + host);
    }
    return host;
  }

  private static List<String> members(ConfigValue v) {
    List<String> out = new ArrayList<>();
    for (ConfigValue item : v.asList(false)) {
      String text = item.asText().trim();
      int colon = text.lastIndexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        throw item.error("must be host:port, got " + item.shown());
      }
      try {
        int p = Integer.parseInt(text.substring(colon + 1));
        if (p < 1 || p > 65535) {
          throw item.error("port must be 1-65535, got " + item.shown());
        }
      } catch (NumberFormatException e) {
        throw item.error("must be host:port, got " + item.shown());
      }
      out.add(text);
    }
    return out;
  }
}
