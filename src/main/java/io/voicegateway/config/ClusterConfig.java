package io.voicegateway.config;

import java.time.Duration;
import java.util.List;

/**
 * The {@code cluster:} section (issue 15): off by default, and then nothing of it runs (no Hazelcast instance, no
 * clustered event bus). On, the node joins a Hazelcast cluster found by a TCP/IP member list (multicast is always
 * off) and carries inter-node control messages on a clustered event bus; see docs/scale-out.md.
 *
 * @param enabled          whether this node joins a cluster
 * @param nodeName         a name for logs and the API ({@code GET /api/v1/node}); the node id proper is the Vert.x
 *                         cluster node id
 * @param host             the interface Hazelcast binds and announces (a literal address, not a wildcard)
 * @param port             Hazelcast's member port
 * @param members          the other members' {@code host:port} (this node's own entry may be listed too)
 * @param busHost          the clustered event bus's host (the address other nodes reach it on)
 * @param busPort          the clustered event bus's port; 0 picks a free one (Hazelcast tells the others)
 * @param heartbeat        how often members send heartbeats
 * @param failureTimeout   how long without a heartbeat before a member is declared dead and its calls leave the
 *                         cluster's directory: the detection time
 */
public record ClusterConfig(boolean enabled, String nodeName, String host, int port, List<String> members,
    String busHost, int busPort, Duration heartbeat, Duration failureTimeout) {

  public static final int DEFAULT_PORT = 5701;

  public ClusterConfig {
    members = List.copyOf(members);
  }

  public static ClusterConfig disabled() {
    return new ClusterConfig(false, "", "127.0.0.1", DEFAULT_PORT, List.of(), "127.0.0.1", 0,
        Duration.ofSeconds(1), Duration.ofSeconds(5));
  }
}
