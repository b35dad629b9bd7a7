package io.voicegateway.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.voicegateway.config.ClusterConfig;
import java.time.Duration;

/**
 * The Hazelcast configuration of a node, built in code from the {@code cluster:} section: Vert.x's own default
 * (the maps and multimaps its clustered event bus needs), then a TCP/IP member list on the configured interface,
 * multicast and auto-detection off, and the failure detector's heartbeat and timeout set explicitly (Hazelcast's
 * own default waits 60 s before it declares a member dead: far too long for calls to leave the directory).
 */
final class HazelcastSettings {
  private HazelcastSettings() {}

  static Config of(ClusterConfig cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName("voice-gateway");
    if (!cluster.nodeName().isEmpty()) {
      config.setInstanceName("vg-" + cluster.nodeName());
    }
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false).setPublicAddress(cluster.host() + ":" + cluster.port());
    network.getInterfaces().setEnabled(true).clear().addInterface(cluster.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members()).setConnectionTimeoutSeconds(2);
    config.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(seconds(cluster.heartbeat())));
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(seconds(cluster.failureTimeout())));
    // a member that left the cluster is not waited for: the join of a fresh node takes ~1 s instead of ~5 s
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.socket.bind.any", "false");
    return config;
  }

  /** Hazelcast's failure detector counts whole seconds: a fraction rounds up, never down to 0. */
  static long seconds(Duration duration) {
    return Math.max(1, (duration.toMillis() + 999) / 1000);
  }
}
