package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.Gateway;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.it.peers.Baresip;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.JavaLauncher;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original voicetyped configuration starts the gateway as written. Its {@code media:} section is kept
 * verbatim in src/test/resources/original-config/media-gateway.yaml (source URL in its first line).
 *
 * <p>The one change made here, for the test only: the section pins {@code sip_port: 5060}, which another
 * process or a parallel test may hold, so that one line's number is replaced by a free port (and nothing
 * else in the section is touched). The sections the original leaves out ({@code http}, {@code bridge},
 * {@code history}) are added on free loopback ports so the run takes no fixed port of this machine. The
 * section binds 0.0.0.0 as the original does; every packet of the test goes to 127.0.0.1.
 *
 * <p>The stored copy of the documentation page shows this section without {@code dtmf}, {@code rtp_timeout}
 * or {@code registrations}; the issue names them ({@code dtmf.method: rfc2833}, a password from
 * {@code SIP_PASSWORD}). {@link #theKeysTheIssueNamesRegisterWithSipPasswordAndStopCleanly} adds exactly
 * those to the verbatim section and runs the launcher in its own JVM, whose resolver reads a hosts file that
 * maps the registrar's name (under the reserved .test domain) to 127.0.0.1, where a SIPp registrar answers:
 * no name is looked up anywhere else and no packet leaves loopback.
 */
class OriginalConfigIT {
  static final Path ORIGINAL = Path.of("src/test/resources/original-config/media-gateway.yaml");
  private static final Pattern SIP_PORT_LINE = Pattern.compile("(?m)^(  sip_port: )5060(\\s)");
  private static final String REGISTRAR_HOST = "registrar.voicetyped.test";
  private static final String SIP_PASSWORD = "secret"; // what the SIPp registrar's verifyauth expects

  @TempDir Path dir;

  @Test
  void theOriginalMediaSectionListensAnswersOptionsAndEchoesACallersSpeech() throws Exception {
    SippRunner.requireSipp();
    int sipPort = FreePorts.udpAndTcp();
    String yaml = originalWithSipPort(sipPort) + testOnlySections();
    Gateway gw = Gateway.start(ConfigLoader.parse(yaml, Map.of("SIP_PASSWORD", SIP_PASSWORD)))
        .await(60, TimeUnit.SECONDS);
    try {
      assertEquals(List.of("udp"), gw.config().media().sipTransports());
      assertEquals(10000, gw.config().media().rtpPortMin());
      assertEquals(19999, gw.config().media().rtpPortMax());

      SippRunner.Result options = SippRunner.scenario("options.xml").args("-s", "echo")
          .run("127.0.0.1:" + sipPort, 1, 1, 1);
      assertEquals(1, options.successful(), options.toString());

      for (String codec : List.of("PCMU", "opus/48000/2")) {
        assertEchoes(codec, codec.startsWith("opus") ? 48000 : 8000, codec.startsWith("opus") ? 0.8 : 0.9,
            "sip:echo@127.0.0.1:" + sipPort);
      }
    } finally {
      gw.stop().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void theKeysTheIssueNamesRegisterWithSipPasswordAndStopCleanly() throws Exception {
    SippRunner.requireSipp();
    int registrarPort = FreePorts.udpAndTcp();
    SippRunner.Running registrar = SippRunner.scenario("uas_register_401.xml")
        .args("-p", String.valueOf(registrarPort)).timeoutSeconds(60).start(null, 1, 1, 1);
    assertTrue(GatewayUnderTest.eventually(10, () -> FreePorts.udpTaken(registrarPort)), "sipp listens on " + registrarPort);

    int sipPort = FreePorts.udpAndTcp();
    int httpPort = FreePorts.udpAndTcp();
    Path conf = dir.resolve("voice-gateway.yaml");
    Files.writeString(conf, originalWithSipPort(sipPort)
        + String.join("\n",
            "  rtp_timeout: 10s",
            "  dtmf:",
            "    method: rfc2833",
            "  registrations:",
            "    - uri: sip:alice@" + REGISTRAR_HOST,
            "      username: alice",
            "      password: ${SIP_PASSWORD}",
            "      registrar: " + REGISTRAR_HOST + ":" + registrarPort,
            "      expiry: 60",
            "")
        + testOnlySections(httpPort));
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "127.0.0.1 localhost " + REGISTRAR_HOST + " "
        + InetAddress.getLocalHost().getHostName() + "\n");

    ProcessBuilder launcher = JavaLauncher.main(List.of("-Djdk.net.hosts.file=" + hosts), "--conf", conf.toString())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("gw.log").toFile());
    launcher.environment().put("SIP_PASSWORD", SIP_PASSWORD);
    Process gw = launcher.start();
    try {
      assertTrue(GatewayUnderTest.eventually(60, () -> log().contains("dashboard ") || !gw.isAlive()), log());
      assertTrue(gw.isAlive(), log());
      // The SIPp registrar grants 4 s: the refresh (digest from SIP_PASSWORD again) moves expiresAt on.
      Set<Long> registeredUntil = new HashSet<>();
      assertTrue(GatewayUnderTest.eventually(30, () -> {
        JsonObject trunk = providers(httpPort).getJsonObject(0);
        if ("REGISTERED".equals(trunk.getString("state"))) {
          registeredUntil.add(trunk.getLong("expiresAt"));
        }
        return registeredUntil.size() >= 2;
      }), "registered and refreshed: " + registeredUntil + "\n" + log());

      gw.destroy(); // SIGTERM: un-REGISTER, then exit 0
      assertTrue(gw.waitFor(30, TimeUnit.SECONDS), log());
      assertEquals(0, gw.exitValue(), log());
    } finally {
      gw.destroyForcibly();
    }
    SippRunner.Result result = registrar.await();
    assertEquals(1, result.successful(), "REGISTER 401 → digest → 200, refresh, un-REGISTER: " + result);
  }

  private void assertEchoes(String codec, int rate, double minCorrelation, String uri) throws Exception {
    Path speech = SpeechFixture.speech(dir, rate);
    Baresip phone = new Baresip(dir.resolve("baresip-" + codec.replace('/', '_')), codec, speech, rate);
    Baresip.CallRecording rec = phone.call(uri, Duration.ofSeconds(25));
    assertNotNull(rec.heard(), codec + ": baresip heard nothing: " + rec.log());
    short[] sent = AudioMatch.read(rec.sent(), 8000);
    short[] heard = AudioMatch.read(rec.heard(), 8000);
    AudioMatch.Result match = AudioMatch.align(sent, heard, 8000, 500, 400);
    assertTrue(match.windows().size() >= 8, codec + ": too little speech came back: " + match);
    assertTrue(match.medianCorrelation() >= minCorrelation, codec + ": " + match);
  }

  /** The verbatim file with the number on its {@code sip_port} line, and nothing else, replaced. */
  private static String originalWithSipPort(int sipPort) throws Exception {
    String original = Files.readString(ORIGINAL);
    Matcher line = SIP_PORT_LINE.matcher(original);
    assertTrue(line.find(), "the original pins sip_port: 5060");
    String replaced = line.replaceFirst("$1" + sipPort + "$2");
    assertEquals(original.length() + String.valueOf(sipPort).length() - 4, replaced.length(), "one number changed");
    return replaced.endsWith("\n") ? replaced : replaced + "\n";
  }

  private String testOnlySections() throws Exception {
    return testOnlySections(FreePorts.udpAndTcp());
  }

  private String testOnlySections(int httpPort) throws Exception {
    return String.join("\n",
        "http: {host: 127.0.0.1, port: " + httpPort + ", api_token: test-token}",
        "bridge: {tcp_port: " + FreePorts.udpAndTcp() + "}",
        "history: {data_dir: " + Files.createTempDirectory(dir, "history") + "}",
        "");
  }

  private static JsonArray providers(int httpPort) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + httpPort + "/api/v1/providers"))
          .header("Authorization", "Bearer test-token").build(), HttpResponse.BodyHandlers.ofString());
      return new JsonArray(r.body());
    } catch (Exception e) {
      return new JsonArray().add(new JsonObject());
    }
  }

  private String log() {
    try {
      Path log = dir.resolve("gw.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

}
