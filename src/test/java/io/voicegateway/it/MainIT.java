package io.voicegateway.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.support.JavaLauncher;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.Tools;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The launcher as a user runs it: a separate JVM, its exit codes, its banner, SIGTERM with a call up. */
class MainIT {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown key      | 'media:\n  sip_prot: 5060\n'                | media.sip_prot",
      "unknown codec    | 'media:\n  codecs: [g711-ulaw, g729]\n'    | media.codecs[1]",
      "missing env var  | 'media:\n  sip_port: ${VG_NO_SUCH_VAR}\n'  | VG_NO_SUCH_VAR",
      "reversed range   | 'media:\n  rtp_port_range: 20000-10000\n' | media.rtp_port_range",
      "bad log format   | 'logging:\n  format: xml\n'                | logging.format",
  })
  void invalidConfigurationExitsWithCode2AndNamesTheKey(String name, String yaml, String expected)
      throws Exception {
    Path conf = dir.resolve("bad.yaml");
    Files.writeString(conf, yaml.replace("\\n", "\n"));
    Process p = java("--conf", conf.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains(expected), "message names " + expected + ": " + out);
  }

  @ParameterizedTest(name = "{0} {1} taken")
  @CsvSource({"SIP, udp", "SIP, tcp", "HTTP, tcp", "BUS, tcp"})
  void aPortInUseStopsStartUpNamingTheSocket(String service, String transport) throws Exception {
    int sipPort = FreePorts.udpAndTcp();
    int httpPort = FreePorts.udpAndTcp();
    int bridgePort = FreePorts.udpAndTcp();
    int taken = switch (service) {
      case "SIP" -> sipPort;
      case "HTTP" -> httpPort;
      default -> bridgePort;
    };
    Path conf = dir.resolve("gw.yaml");
    Files.writeString(conf, String.join("\n",
        "media: {sip_port: " + sipPort + ", bind_address: 127.0.0.1, rtp_port_range: 20000-20099}",
        "http: {host: 127.0.0.1, port: " + httpPort + ", api_token: secret}",
        "bridge: {tcp_port: " + bridgePort + "}",
        "history: {enabled: false}", ""));
    try (AutoCloseable holder = occupy(transport, "127.0.0.1", taken)) {
      Process p = java("--conf", conf.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(1, p.exitValue(), out);
      assertTrue(out.contains("start-up failed: cannot listen on " + service + " " + transport + " 127.0.0.1:" + taken
          + ": Address already in use"), out);
    }
  }

  @Test
  void withoutConfAndWithoutConfDirectoryItStartsOnTheBuiltInDefaults() throws Exception {
    // The defaults listen on SIP 0.0.0.0:5060. Hold that port (or find it held already), so the run ends at
    // the bind with exit 1 instead of serving on a fixed port of this machine; that it got there on the
    // defaults is what is checked.
    try (AutoCloseable holder = occupyIfFree("udp", "0.0.0.0", 5060)) {
      Process p = java().directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertTrue(out.contains("no --conf given and no conf/voice-gateway.yaml in " + dir.toRealPath()
          + ": starting on the built-in defaults"), out);
      assertTrue(out.contains("cannot listen on SIP udp 0.0.0.0:5060"), out);
      assertEquals(1, p.exitValue(), out);
    }
  }

  @Test
  void anExplicitConfThatIsMissingIsAnError() throws Exception {
    Process p = java("--conf", dir.resolve("absent.yaml").toString()).directory(dir.toFile())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.contains("configuration file not found"), out);
  }

  private static AutoCloseable occupy(String transport, String host, int port) throws IOException {
    InetSocketAddress address = new InetSocketAddress(host, port);
    if ("udp".equals(transport)) {
      return new DatagramSocket(address);
    }
    ServerSocket socket = new ServerSocket();
    socket.bind(address);
    return socket;
  }

  private static AutoCloseable occupyIfFree(String transport, String host, int port) {
    try {
      return occupy(transport, host, port);
    } catch (IOException alreadyHeld) {
      return () -> { };
    }
  }

  @Test
  void startsPrintsItsSocketsAndShutsDownCleanlyOnSigtermWithACallUp() throws Exception {
    Path sipp = Tools.require("sipp");
    int sipPort = FreePorts.udpAndTcp();
    int httpPort = FreePorts.udpAndTcp();
    int rtp = FreePorts.block(20);
    int bridgePort = FreePorts.udpAndTcp();
    Path conf = dir.resolve("gw.yaml");
    Files.writeString(conf, String.join("\n",
        "media:",
        "  sip_port: " + sipPort,
        "  bind_address: 127.0.0.1",
        "  rtp_port_range: " + rtp + "-" + (rtp + 19),
        "http:",
        "  host: 127.0.0.1",
        "  port: " + httpPort,
        "  api_token: secret",
        "bridge:",
        "  tcp_port: " + bridgePort,
        "history:",
        "  data_dir: " + dir.resolve("data"),
        "logging:",
        "  format: json",
        ""));
    Process gw = java("--conf", conf.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("gw.log").toFile()).start();
    try {
      List<String> banner = awaitLine(gw, dir.resolve("gw.log"), "dashboard ");
      assertTrue(banner.stream().anyMatch(l -> l.contains("listening SIP  udp 127.0.0.1:" + sipPort)), banner.toString());
      assertTrue(banner.stream().anyMatch(l -> l.contains("listening SIP  tcp 127.0.0.1:" + sipPort)), banner.toString());
      assertTrue(banner.stream().anyMatch(l -> l.contains("listening HTTP http://127.0.0.1:" + httpPort)), banner.toString());
      assertTrue(banner.stream().anyMatch(l -> l.contains("listening RTP")), banner.toString());
      assertTrue(banner.stream().anyMatch(l -> l.contains("listening BUS  tcp 127.0.0.1:" + bridgePort)),
          banner.toString());

      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      assertTrue(health.body().contains("\"status\":\"up\""), health.body());
      assertTrue(Files.exists(dir.resolve("data/history.mv.db")), "the history database is created on first start");

      // A call that stays up until the gateway ends it.
      Path scenario = Path.of("src/test/resources/sipp/uac_shutdown.xml").toAbsolutePath();
      Process call = new ProcessBuilder(sipp.toString(), "-sf", scenario.toString(),
          "-i", "127.0.0.1", "-mi", "127.0.0.1", "-p", Integer.toString(FreePorts.udpAndTcp()),
          "-m", "1", "-nostdin", "-timeout", "60s", "127.0.0.1:" + sipPort)
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("sipp.log").toFile())
          .start();
      awaitActiveCalls(httpPort, 1);

      gw.destroy(); // SIGTERM
      assertTrue(gw.waitFor(30, TimeUnit.SECONDS), "gateway exits after SIGTERM");
      assertEquals(0, gw.exitValue(), Files.readString(dir.resolve("gw.log")));
      assertTrue(call.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, call.exitValue(), "SIPp got its BYE: " + Files.readString(dir.resolve("sipp.log")));
      // A clean stop logs no stack trace (a RejectedExecutionException in media-1 did), and in JSON format every
      // log record is one JSON object on its line.
      List<String> log = lines(dir.resolve("gw.log"));
      List<String> records = log.stream().filter(l -> l.startsWith("{")).toList();
      assertTrue(!records.isEmpty(), "JSON log records: " + log);
      com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
      for (String record : records) {
        com.fasterxml.jackson.databind.JsonNode node = json.readTree(record);
        assertTrue(node.hasNonNull("timestamp") && node.hasNonNull("level") && node.hasNonNull("message"), record);
        assertTrue(!node.has("exception"), "no stack trace on a clean stop: " + record);
      }
      assertEquals(List.of(), log.stream().filter(l -> l.startsWith("\tat ") || l.contains("Exception")
          && !l.startsWith("{")).toList(), "no text stack trace: " + log);
      // Every socket is closed: the ports can be bound again.
      try (java.net.DatagramSocket s = new java.net.DatagramSocket(sipPort,
          java.net.InetAddress.getLoopbackAddress())) {
        assertTrue(s.isBound());
      }
    } finally {
      gw.destroyForcibly();
    }
  }

  private static void awaitActiveCalls(int httpPort, int n) {
    HttpClient client = HttpClient.newHttpClient();
    await("the call becoming active").pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(60)).until(() -> client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/health")).build(),
            HttpResponse.BodyHandlers.ofString()).body().contains("\"activeCalls\":" + n));
  }

  private static List<String> awaitLine(Process p, Path log, String marker) throws Exception {
    try {
      await().pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
          .atMost(Duration.ofSeconds(60)).until(() -> !p.isAlive() || lines(log).stream().anyMatch(l -> l.startsWith(marker)));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no '" + marker + "' line: " + lines(log));
    }
    List<String> lines = lines(log);
    if (lines.stream().noneMatch(l -> l.startsWith(marker))) {
      throw new AssertionError("gateway exited " + p.exitValue() + ": " + lines);
    }
    return lines;
  }

  private static List<String> lines(Path log) throws IOException {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private static ProcessBuilder java(String... args) {
    return JavaLauncher.main(List.of(), args);
  }
}
