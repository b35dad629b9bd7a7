package io.voicegateway.it.support;

import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration file of a gateway an interop test runs as its own JVM ({@link GatewayJvm}): SIP, HTTP (API token
 * {@value #API_TOKEN}), TCP bridge and an RTP block on free loopback ports, calls kept 5 minutes without RTP (SIPp
 * sends none); options for the history store (data directory, PostgreSQL, node id) and the cluster; the test's own
 * sections (routes, voicemail, providers) as YAML lines. The PostgreSQL user comes from the environment
 * ({@code ${VG_TEST_PG_USER}}, set by {@link GatewayJvm}), as operators keep credentials out of the file.
 */
public final class GatewayYaml {
  public static final String API_TOKEN = "secret";

  private final int sipPort = FreePorts.udpAndTcp();
  private final int httpPort = FreePorts.udpAndTcp();
  private int rtpPorts = 20;
  private int rtpFirst = -1;
  private final List<String> history = new ArrayList<>();
  private final List<String> cluster = new ArrayList<>();
  private final List<String> sections = new ArrayList<>();
  private int bridgePort = -1;

  /** How many RTP ports the node has (default 20; a call to the echo app takes two). */
  public GatewayYaml rtpPorts(int count) {
    rtpPorts = count;
    return this;
  }

  /** {@code history.data_dir}: the H2 file (unless {@link #postgres}), voicemail audio, recordings. */
  public GatewayYaml dataDir(Path dir) {
    history.add("  data_dir: " + dir);
    return this;
  }

  /** {@code history.url} on a test PostgreSQL, its user from {@code VG_TEST_PG_USER}. */
  public GatewayYaml postgres(String jdbcUrl) {
    history.add("  url: " + jdbcUrl);
    history.add("  user: ${VG_TEST_PG_USER}");
    return this;
  }

  /** {@code history.node_id} (a cluster node takes its {@code cluster.node_name} without it). */
  public GatewayYaml nodeId(String id) {
    history.add("  node_id: " + id);
    return this;
  }

  /**
   * {@code cluster:} on, on loopback: Hazelcast on {@code port}, the members' ports, a heartbeat every second and
   * {@code failureTimeoutSeconds} until a silent member is removed.
   */
  public GatewayYaml cluster(String nodeName, int port, List<Integer> memberPorts, int failureTimeoutSeconds) {
    cluster.addAll(List.of(
        "cluster:",
        "  enabled: true",
        "  node_name: " + nodeName,
        "  host: 127.0.0.1",
        "  port: " + port,
        "  members: [" + memberPorts.stream().map(p -> "\"127.0.0.1:" + p + "\"").collect(Collectors.joining(", "))
            + "]",
        "  bus_host: 127.0.0.1",
        "  heartbeat: 1s",
        "  failure_timeout: " + failureTimeoutSeconds + "s"));
    return this;
  }

  /** Top-level sections of the test's own, e.g. {@code "routes: [...]"}, appended as they are. */
  public GatewayYaml yaml(String... lines) {
    sections.addAll(List.of(lines));
    return this;
  }

  /** Writes the file; every write names the same ports. */
  public Path write(Path file) throws IOException {
    if (rtpFirst < 0) {
      rtpFirst = FreePorts.block(rtpPorts);
    }
    int rtp = rtpFirst;
    if (bridgePort < 0) {
      bridgePort = FreePorts.udpAndTcp();
    }
    List<String> lines = new ArrayList<>(List.of(
        "media:",
        "  sip_port: " + sipPort,
        "  bind_address: 127.0.0.1",
        "  rtp_port_range: " + rtp + "-" + (rtp + rtpPorts - 1),
        "  rtp_timeout: 5m",
        "http:",
        "  host: 127.0.0.1",
        "  port: " + httpPort,
        "  api_token: " + API_TOKEN,
        "bridge:",
        "  tcp_port: " + bridgePort));
    if (!history.isEmpty()) {
      lines.add("history:");
      lines.addAll(history);
    }
    lines.addAll(cluster);
    lines.addAll(sections);
    lines.add("");
    Files.writeString(file, String.join("\n", lines));
    return file;
  }

  public int sipPort() {
    return sipPort;
  }

  /** {@code 127.0.0.1:<sip port>}, for SIPp. */
  public String sipTarget() {
    return "127.0.0.1:" + sipPort;
  }

  public int httpPort() {
    return httpPort;
  }

  /** A client of this gateway's REST API with its token. */
  public ApiClient api() {
    return new ApiClient(httpPort, API_TOKEN);
  }
}
