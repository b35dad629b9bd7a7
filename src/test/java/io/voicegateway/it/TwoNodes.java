package io.voicegateway.it;

import io.voicegateway.testing.FreePorts;

/**
 * Two gateway nodes of one cluster in this JVM, {@code a} and {@code b}, for interop tests: each its own Vert.x, SIP
 * stack, RTP ports, bridge and Hazelcast member on loopback (the clustered bus on a free port, a dead member noticed
 * within 5 s, heartbeat 1 s).
 */
final class TwoNodes implements AutoCloseable {
  final GatewayFixture a;
  final GatewayFixture b;

  private TwoNodes(GatewayFixture a, GatewayFixture b) {
    this.a = a;
    this.b = b;
  }

  /** @param sections the top-level sections both nodes share beside {@code cluster:} (routes, devices, …) */
  static TwoNodes start(String sections) throws Exception {
    return start("  keepalive_interval: 1h", sections);
  }

  /**
   * @param mediaA   node A's {@code media:} lines (e.g. an extra WebSocket listener); node B keeps the defaults
   * @param sections the top-level sections both nodes share beside {@code cluster:}
   */
  static TwoNodes start(String mediaA, String sections) throws Exception {
    int portA = FreePorts.udpAndTcp();
    int portB = FreePorts.udpAndTcp();
    String members = "[\"127.0.0.1:" + portA + "\", \"127.0.0.1:" + portB + "\"]";
    GatewayFixture a = GatewayFixture.start(mediaA, cluster("a", portA, members) + sections);
    try {
      return new TwoNodes(a, GatewayFixture.start("  keepalive_interval: 1h",
          cluster("b", portB, members) + sections));
    } catch (Exception | AssertionError e) {
      a.close();
      throw e;
    }
  }

  private static String cluster(String name, int port, String members) {
    return String.join("\n",
        "cluster:",
        "  enabled: true",
        "  node_name: " + name,
        "  host: 127.0.0.1",
        "  port: " + port,
        "  members: " + members,
        "  bus_host: 127.0.0.1",
        "  bus_port: 0",
        "  heartbeat: 1s",
        "  failure_timeout: 5s",
        "");
  }

  @Override
  public void close() throws Exception {
    try {
      b.close();
    } finally {
      a.close();
    }
  }
}
