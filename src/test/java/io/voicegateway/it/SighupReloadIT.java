package io.voicegateway.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.it.support.JavaLauncher;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -HUP} against the gateway running as its own JVM (what {@code systemctl reload} does): a device added
 * to the YAML on disk is in force afterwards (the devices API lists it and its REGISTER gets 200), the process keeps
 * running, and the reload is counted as {@code vg_config_reloads_total{status="applied"}}.
 */
class SighupReloadIT {
  private static final String TOKEN = "secret-token";
  @TempDir Path dir;

  @Test
  void aDeviceAddedToTheFileIsInForceAfterSighup() throws Exception {
    SippRunner.requireSipp();
    int sipPort = FreePorts.udpAndTcp();
    int httpPort = FreePorts.udpAndTcp();
    int rtp = FreePorts.block(20);
    Path conf = dir.resolve("gw.yaml");
    String base = String.join("\n",
        "media:",
        "  sip_port: " + sipPort,
        "  bind_address: 127.0.0.1",
        "  rtp_port_range: " + rtp + "-" + (rtp + 19),
        "http:",
        "  host: 127.0.0.1",
        "  port: " + httpPort,
        "  api_token: " + TOKEN,
        "bridge:",
        "  tcp_port: " + FreePorts.udpAndTcp(),
        "history:",
        "  enabled: false",
        "devices:",
        "  - id: bob",
        "    username: bob",
        "    password: builder",
        "    extension: \"102\"",
        "");
    Files.writeString(conf, base);
    Process gw = JavaLauncher.main(List.of(), "--conf", conf.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("gw.log").toFile()).start();
    try {
      // a bound for a gateway that never starts: a loaded 2-core box took over a minute to start a second JVM
      await("the gateway's API").pollInSameThread().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(180))
          .until(() -> !gw.isAlive() || devices(httpPort) != null);
      assertTrue(gw.isAlive(), Files.readString(dir.resolve("gw.log")));
      assertFalse(deviceIds(httpPort).contains("alice"), "alice is not configured yet");

      Files.writeString(conf, base + String.join("\n",
          "  - id: alice",
          "    username: alice",
          "    password: secret",
          "    extension: \"101\"",
          ""));
      Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(gw.pid())).inheritIO().start();
      assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
      assertEquals(0, kill.exitValue());

      await("alice in the devices API after SIGHUP").pollInSameThread().pollInterval(Duration.ofMillis(200))
          .atMost(Duration.ofSeconds(30)).until(() -> deviceIds(httpPort).contains("alice"));
      assertTrue(gw.isAlive(), "SIGHUP reloads, it does not stop the JVM: " + Files.readString(dir.resolve("gw.log")));
      assertTrue(metrics(httpPort).lines().anyMatch(l -> l.startsWith("vg_config_reloads_total")
          && l.contains("status=\"applied\"") && !l.endsWith(" 0.0")), metrics(httpPort));

      SippRunner.Result registered = SippRunner.scenario("register_once.xml")
          .args("-s", "alice", "-p", String.valueOf(FreePorts.udpAndTcp())).timeoutSeconds(20)
          .run("127.0.0.1:" + sipPort, 1, 1, 1);
      assertEquals(1, registered.successful(), "alice's REGISTER got 200: " + registered);
      JsonObject alice = devices(httpPort).stream().map(o -> (JsonObject) o)
          .filter(d -> "alice".equals(d.getString("id"))).findFirst().orElseThrow();
      assertTrue(alice.getBoolean("registered"), alice.encode());
    } finally {
      gw.destroy();
      if (!gw.waitFor(30, TimeUnit.SECONDS)) {
        gw.destroyForcibly();
      }
    }
  }

  private static List<String> deviceIds(int httpPort) throws Exception {
    JsonArray all = devices(httpPort);
    return all == null ? List.of() : all.stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  /** The devices API's answer, or null while the gateway is not yet listening. */
  private static JsonArray devices(int httpPort) throws InterruptedException {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + httpPort + "/api/v1/devices"))
          .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? new JsonArray(r.body()) : null;
    } catch (IOException notYet) {
      return null;
    }
  }

  private static String metrics(int httpPort) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
