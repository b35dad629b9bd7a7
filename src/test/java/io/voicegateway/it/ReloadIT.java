package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.voicegateway.Gateway;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.it.peers.Baresip;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's reload with a call in progress: baresip talks to the echo app while the YAML gains a route,
 * loses a device (bob) and changes a provider, and {@code POST /api/v1/config/reload} applies it. The call keeps
 * its audio (echo correlation ≥ 0.9 over the whole call, reload included), the new route answers, bob's binding
 * is gone and his REGISTER is refused; then a bad file is answered 400 naming the key and changes nothing.
 * SIGHUP's wiring is {@code ReloadSignalTest} (this gateway runs in the test's JVM).
 */
class ReloadIT {
  private static final int COMPARE_RATE = 8000;
  @TempDir Path dir;

  private String yaml(int sipPort, int rtp, int httpPort, int farPort, boolean reloaded) {
    return String.join("\n",
        "media:",
        "  sip_port: " + sipPort,
        "  bind_address: 127.0.0.1",
        "  rtp_port_range: " + rtp + "-" + (rtp + GatewayFixture.RTP_PORTS - 1),
        "  jitter_buffer_ms: 40",
        "http:",
        "  host: 127.0.0.1",
        "  port: " + httpPort,
        "  api_token: test-token",
        "history:",
        "  enabled: false",
        "providers:",
        "  - id: far",
        "    host: 127.0.0.1",
        "    port: " + farPort,
        "devices:",
        "  - id: alice",
        "    password: wonderland",
        "    extension: \"101\"",
        reloaded ? "" : "  - id: bob\n    password: builder\n    extension: \"102\"",
        "routes:",
        "  - direction: inbound",
        "    match: echo",
        "    app: echo",
        "    from: any",
        reloaded ? "  - direction: inbound\n    match: \"200\"\n    app: echo\n    from: any" : "",
        "");
  }

  @Test
  void aCallInProgressKeepsItsAudioWhileDevicesProvidersAndRoutesChange() throws Exception {
    int sipPort = FreePorts.udpAndTcp();
    int rtp = FreePorts.block(GatewayFixture.RTP_PORTS);
    int httpPort = FreePorts.udpAndTcp();
    int farPort = FreePorts.udpAndTcp();
    int movedFarPort = FreePorts.udpAndTcp();
    Path file = dir.resolve("voice-gateway.yaml");
    Files.writeString(file, yaml(sipPort, rtp, httpPort, farPort, false), StandardCharsets.UTF_8);
    Gateway gw = Gateway.start(ConfigLoader.load(file, Map.of())).await(60, TimeUnit.SECONDS);
    try {
      gw.reloadFrom(() -> ConfigLoader.load(file, Map.of()));
      String target = "127.0.0.1:" + sipPort;
      ApiClient api = new ApiClient(gw.httpPort(), "test-token");

      SippRunner.Result bobBefore = SippRunner.scenario("register_as.xml")
          .args("-s", "bob", "-au", "bob", "-ap", "builder").run(target, 1, 1, 1);
      assertEquals(0, bobBefore.exitCode(), "bob registers before the reload: " + bobBefore);
      assertEquals(1, api.get("/api/v1/devices/bob").object().getJsonArray("contacts").size());

      // a call in progress: baresip's speech to the echo app and back
      Path speech = SpeechFixture.speech(dir, 8000);
      Baresip phone = new Baresip(dir.resolve("baresip"), "PCMU", speech, 8000);
      CompletableFuture<Baresip.CallRecording> call = CompletableFuture.supplyAsync(() -> {
        try {
          return phone.call("sip:echo@" + target, Duration.ofSeconds(25));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertTrue(GatewayUnderTest.eventually(20, () -> gw.metrics().activeCalls() == 1), "the echo call connected");

      Files.writeString(file, yaml(sipPort, rtp, httpPort, movedFarPort, true), StandardCharsets.UTF_8);
      ApiClient.Answer reloaded = api.post("/api/v1/config/reload", "{}");
      assertEquals(200, reloaded.status(), reloaded.toString());
      JsonObject outcome = reloaded.object();
      assertEquals("APPLIED", outcome.getString("status"), outcome.encode());
      assertEquals("[\"providers: ~far\",\"devices: -bob\",\"routes: 1 → 2\"]",
          outcome.getJsonArray("applied").encode());
      assertEquals(0, outcome.getJsonArray("needsRestart").size(), outcome.encode());
      assertEquals(1, gw.metrics().activeCalls(), "the reload came while the call was up");
      assertEquals(movedFarPort, gw.liveConfig().get().providers().get(0).port());

      // the new route answers; bob's binding went with him, and he cannot register again
      SippRunner.Result newRoute = SippRunner.builtin("uac").args("-s", "200", "-d", "500").run(target, 1, 1, 1);
      assertEquals(1, newRoute.successful(), "the new route answers: " + newRoute);
      assertTrue(GatewayUnderTest.eventually(10, () -> {
        try {
          return api.get("/api/v1/devices/bob").status() == 404;
        } catch (Exception e) {
          return false;
        }
      }), "bob is no device any more");
      SippRunner.Result bobAfter = SippRunner.scenario("register_as.xml")
          .args("-s", "bob", "-au", "bob", "-ap", "builder").run(target, 1, 1, 1);
      assertNotEquals(0, bobAfter.exitCode(), "bob's REGISTER is refused after the reload: " + bobAfter);
      assertTrue((bobAfter.errors() + bobAfter.output()).contains("403"), bobAfter.toString());

      // the call in progress kept its audio across the reload
      Baresip.CallRecording rec = call.get(60, TimeUnit.SECONDS);
      assertNotNull(rec.heard(), "baresip heard nothing: " + rec.log());
      AudioMatch.Result match = AudioMatch.align(AudioMatch.read(rec.sent(), COMPARE_RATE),
          AudioMatch.read(rec.heard(), COMPARE_RATE), COMPARE_RATE, 500, 400);
      System.out.printf("echo across the reload: %s%n", match);
      assertTrue(match.windows().size() >= 8, "too little speech came back: " + match);
      assertTrue(match.medianCorrelation() >= 0.9, "echo across the reload: " + match);

      // a bad file: 400 naming the key, nothing changed
      GatewayConfig before = gw.liveConfig().get();
      Files.writeString(file, yaml(sipPort, rtp, httpPort, movedFarPort, true).replace("match: \"200\"",
          "match: \"/(unclosed/\""), StandardCharsets.UTF_8);
      ApiClient.Answer bad = api.post("/api/v1/config/reload", "{}");
      assertEquals(400, bad.status(), bad.toString());
      JsonObject error = bad.object().getJsonArray("errors").getJsonObject(0);
      assertEquals("routes[1].match", error.getString("key"), bad.toString());
      assertSame(before, gw.liveConfig().get(), "a refused file changes nothing");
      assertEquals(1, SippRunner.builtin("uac").args("-s", "200", "-d", "500").run(target, 1, 1, 1).successful(),
          "the route of the last good file still answers");
      assertEquals(401, new ApiClient(gw.httpPort(), "wrong").post("/api/v1/config/reload", "{}").status(),
          "reloading takes the API token");
    } finally {
      gw.stop().await(30, TimeUnit.SECONDS);
    }
  }
}
