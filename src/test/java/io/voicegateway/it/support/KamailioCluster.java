package io.voicegateway.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Issue 15's set-up, shared by {@code ClusterIT} and {@code ClusterDrainIT}: a throw-away PostgreSQL
 * ({@link PostgresServer}), two gateway JVMs {@code gw-a} and {@code gw-b} clustered by Hazelcast on loopback with it
 * as their shared history, and Kamailio in front running {@code deploy/kamailio/kamailio.cfg} as shipped (the test
 * chooses only its socket, the dispatcher list and a {@value #DS_PING_S} s probing interval). Both nodes route
 * {@code echo} to the echo app and, as docs/scale-out.md says for nodes behind a proxy, limit no source. Reads what
 * the tests assert: the {@code calls} rows per node in PostgreSQL, a node's REST listing, and the node state changes
 * Kamailio logs (the cfg's {@code dispatcher:dst-down/up} event routes).
 */
public final class KamailioCluster implements AutoCloseable {
  /** cluster.failure_timeout of both nodes: the documented failure-detection time. */
  public static final int FAILURE_TIMEOUT_S = 5;
  /** Kamailio's OPTIONS probing interval (DS_PING; the shipped default is 2 s). */
  public static final int DS_PING_S = 1;
  /** RTP ports per node: every call to the echo app takes two; one node may hold all calls after the other's end. */
  private static final int RTP_PORTS = 100;

  /** A gateway node: its id (cluster.node_name, history node) and configuration. */
  public record Node(String id, GatewayYaml yaml) {
    public ApiClient api() {
      return yaml.api();
    }

    /** How Kamailio's dispatcher list (and so its log) names this node. */
    public String dispatcherUri() {
      return "sip:127.0.0.1:" + yaml.sipPort();
    }
  }

  private final Path dir;
  private final PostgresServer pg;
  private final int proxyPort = FreePorts.udpAndTcp();
  public final Node a;
  public final Node b;
  private GatewayJvm gwA;
  private GatewayJvm gwB;
  private Process kamailio;

  private KamailioCluster(Path dir, PostgresServer pg) throws SQLException {
    this.dir = dir;
    this.pg = pg;
    String url = pg.createDatabase("vg");
    int hzA = FreePorts.udpAndTcp();
    int hzB = FreePorts.udpAndTcp();
    a = node("gw-a", url, hzA, List.of(hzA, hzB));
    b = node("gw-b", url, hzB, List.of(hzA, hzB));
  }

  private Node node(String id, String url, int hzPort, List<Integer> members) {
    return new Node(id, new GatewayYaml().rtpPorts(RTP_PORTS).postgres(url).dataDir(dir.resolve("shared"))
        .cluster(id, hzPort, members, FAILURE_TIMEOUT_S)
        // every call and message reaches a node from Kamailio's one address: as a stranger it would be capped at
        // unknown_source_max_calls calls and could be banned, so it is listed as trusted (docs/scale-out.md)
        .yaml("limits: {trusted_sources: [127.0.0.1]}",
            "routes: [{direction: inbound, match: echo, app: echo, from: any}]"));
  }

  /** PostgreSQL, both nodes (awaited until each sees the cluster of two), then Kamailio (awaited until it runs). */
  public static KamailioCluster start(Path dir) throws Exception {
    SippRunner.requireSipp();
    Tools.require("kamailio");
    PostgresServer pg = PostgresServer.start();
    KamailioCluster cluster = null;
    try {
      cluster = new KamailioCluster(dir, pg);
      cluster.startAll();
      return cluster;
    } catch (Exception | AssertionError e) {
      if (cluster != null) {
        cluster.close();
      } else {
        pg.close();
      }
      throw e;
    }
  }

  private void startAll() throws Exception {
    gwA = GatewayJvm.start(a.yaml().write(dir.resolve("gw-a.yaml")), dir.resolve("a.log"));
    gwB = GatewayJvm.start(b.yaml().write(dir.resolve("gw-b.yaml")), dir.resolve("b.log"));
    assertTrue(GatewayUnderTest.eventually(60, () -> nodes(a) == 2 && nodes(b) == 2),
        () -> "both nodes see the cluster of two: " + nodes(a) + ", " + nodes(b));
    Path list = dir.resolve("dispatcher.list");
    Files.writeString(list, "1 " + a.dispatcherUri() + "\n1 " + b.dispatcherUri() + "\n");
    Path cfg = Path.of("deploy/kamailio/kamailio.cfg").toAbsolutePath();
    kamailio = new ProcessBuilder(Tools.require("kamailio").toString(), "-f", cfg.toString(), "-DD", "-E",
        "-w", dir.toString(), "-A", "LISTEN=udp:127.0.0.1:" + proxyPort, "-A", "DS_LIST=\"" + list + "\"",
        "-A", "DS_PING=" + DS_PING_S)
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("kamailio.log").toFile())
        .start();
    assertTrue(GatewayUnderTest.eventually(30, () -> !kamailio.isAlive() || kamailioLog().contains("INFO")),
        () -> "kamailio started: " + kamailioLog());
    assertTrue(kamailio.isAlive(), () -> "kamailio runs: " + kamailioLog());
  }

  /** Kamailio's SIP address, for SIPp and baresip. */
  public String proxy() {
    return "127.0.0.1:" + proxyPort;
  }

  /** The JVM of a node. */
  public GatewayJvm gateway(Node node) {
    return node == a ? gwA : gwB;
  }

  public String kamailioLog() {
    try {
      Path log = dir.resolve("kamailio.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * How often Kamailio has marked {@code node} {@code "down"} (inactive: a failed or 503 probe, a failed-over
   * INVITE) or {@code "up"} (a good probe again) so far.
   */
  public long kamailioMarked(Node node, String state) {
    String line = "dispatcher: " + node.dispatcherUri() + " " + state;
    return kamailioLog().lines().filter(l -> l.endsWith(line)).count();
  }

  /** The nodes a node's {@code GET /api/v1/node} names; -1 while it does not answer. */
  public static int nodes(Node n) {
    try {
      ApiClient.Answer node = n.api().get("/api/v1/node");
      if (node.status() != 200) {
        return -1;
      }
      Object nodes = node.object().getValue("nodes");
      return nodes instanceof JsonArray arr ? arr.size() : nodes instanceof Number num ? num.intValue() : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * The call ids a node's {@code GET /api/v1/calls} lists (every node's calls), or null when it answered no list
   * (504 while the cluster's answer is late). A listing leaves out a node that has not answered within 1.5 s, as
   * one may on a loaded machine, so tests await what a listing should hold rather than assert it of one listing.
   */
  public static Set<String> listed(Node n) {
    try {
      ApiClient.Answer calls = n.api().get("/api/v1/calls");
      if (calls.status() != 200) {
        System.out.println("GET /api/v1/calls on " + n.id() + ": " + calls);
        return null;
      }
      return calls.array().stream().map(c -> ((JsonObject) c).getString("id")).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code n} answers a listing that holds every one of {@code calls}. */
  public static boolean lists(Node n, Set<String> calls) {
    Set<String> listed = listed(n);
    return listed != null && listed.containsAll(calls);
  }

  /** Whether {@code n} answers a listing that holds none of {@code calls}. */
  public static boolean listsNoneOf(Node n, Set<String> calls) {
    Set<String> listed = listed(n);
    return listed != null && calls.stream().noneMatch(listed::contains);
  }

  /**
   * The calls a node answered, ended or not. (A node also writes a row for an INVITE Kamailio cancelled when the
   * node was slow to answer and the call went to the other node: not answered, not counted.)
   */
  public int taken(String node) {
    return (int) rows().values().stream()
        .filter(r -> node.equals(r.get("node")) && r.get("answered_at") != null).count();
  }

  /** The calls a node answered that have ended. */
  public int completed(String node) {
    return (int) rows().values().stream()
        .filter(r -> node.equals(r.get("node")) && r.get("answered_at") != null && r.get("ended_at") != null)
        .count();
  }

  /** Every answered call's row, of both nodes. */
  public int answered() {
    return (int) rows().values().stream().filter(r -> r.get("answered_at") != null).count();
  }

  /** Answered calls without an end, of one node (or of any when null). */
  public Set<String> open(String node) {
    return rows().values().stream()
        .filter(r -> (node == null || node.equals(r.get("node"))) && r.get("answered_at") != null
            && r.get("ended_at") == null)
        .map(r -> (String) r.get("id")).collect(Collectors.toSet());
  }

  /** Every calls row, straight from PostgreSQL, by call id. */
  public Map<String, Map<String, Object>> rows() {
    return pg.rows("vg", "SELECT id, node, to_uri, answered_at, ended_at, duration_ms, cause FROM calls"
        + " ORDER BY started_at");
  }

  /** Kamailio, then both gateways (SIGTERM), then PostgreSQL. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      if (kamailio != null) {
        kamailio.destroy();
        if (!kamailio.waitFor(10, TimeUnit.SECONDS)) {
          kamailio.destroyForcibly();
        }
      }
      for (GatewayJvm gw : new GatewayJvm[] {gwA, gwB}) {
        if (gw != null) {
          gw.close();
        }
      }
    } finally {
      pg.close();
    }
  }
}
