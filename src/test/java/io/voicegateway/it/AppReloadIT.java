package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.Gateway;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.DeviceQueries;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.config.PromptsConfig;
import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apps reloaded with a caller in the IVR: alice (a registered baresip, talking) is in the main menu when the YAML
 * changes that menu (new greeting, key 1 now leaves a voicemail instead of the echo test), adds a second IVR and a
 * voicemail box, and {@code POST /api/v1/config/reload} applies it. Alice is not dropped and keeps the menu she
 * entered: her key 1 still reaches the echo app, which returns her speech (correlation ≥ 0.9). A new caller (bob)
 * reaches the new IVR and hears its greeting, compared with espeak-ng's rendering of the new text; another (carol)
 * hears main's new greeting (and not the old one), and her key 1 now reaches the new voicemail box, which the REST
 * API lists. A conference in progress (dave and erin in room lobby) survives the file removing its room: both stay
 * members and dave still hears erin's 1 kHz tone, until the last leaves and the room closes. Last, a file whose
 * new menu greets with a WAV that is not one is refused (400, the key named).
 */
class AppReloadIT {
  private static final int RATE = 8000;
  private static final String OLD_MAIN = "Welcome to the voice gateway. For the echo test, press one.";
  private static final String NEW_MAIN = "Thank you for calling sales. Leave us a message after pressing one.";
  private static final String SUPPORT = "Support desk here. Our engineers will be with you shortly.";

  @TempDir Path dir;

  private final List<CallEvent> steps = new CopyOnWriteArrayList<>();
  /** Phones outside a try-with-resources, closed whatever happens. */
  private final List<BaresipDevice> opened = new java.util.ArrayList<>();

  private static String yaml(int sipPort, int rtp, int httpPort, Path data, boolean reloaded) {
    return String.join("\n",
        "media:",
        "  sip_port: " + sipPort,
        "  bind_address: 127.0.0.1",
        "  rtp_port_range: " + rtp + "-" + (rtp + GatewayFixture.RTP_PORTS - 1),
        "http:",
        "  host: 127.0.0.1",
        "  port: " + httpPort,
        "  api_token: test-token",
        "history:",
        "  data_dir: " + data,
        "limits:",
        "  enabled: false",
        GatewayFixture.ALICE_AND_BOB,
        "  - {id: carol, password: cat, extension: \"103\"}",
        "  - {id: dave, password: diver, extension: \"104\"}",
        "  - {id: erin, password: eagle, extension: \"105\"}",
        "conferences:",
        "  rooms:",
        reloaded ? "    - {name: board}" : "    - {name: lobby}",
        "ivr:",
        "  main:",
        "    greeting: \"" + (reloaded ? NEW_MAIN : OLD_MAIN) + "\"",
        "    timeout: 3s",
        "    max_retries: 10",
        "    options:",
        reloaded ? "      \"1\": {voicemail: sales}" : "      \"1\": {app: echo}",
        reloaded ? String.join("\n",
            "  support:",
            "    greeting: \"" + SUPPORT + "\"",
            "    timeout: 3s",
            "    max_retries: 10",
            "    options:",
            "      \"1\": {app: echo}",
            "voicemail:",
            "  boxes:",
            "    sales:",
            "      greeting: \"Please leave your message for sales.\"") : "",
        "routes:",
        "  - {direction: inbound, match: \"500\", ivr: main, from: device}",
        "  - {direction: inbound, match: \"800\", app: conference lobby, from: device}",
        reloaded ? "  - {direction: inbound, match: \"600\", ivr: support, from: device}" : "",
        "");
  }

  @Test
  void aCallerMidMenuKeepsItsMenuWhileNewCallsReachTheNewAppsAndPrompts() throws Exception {
    Tools.require("espeak-ng");
    int sipPort = FreePorts.udpAndTcp();
    int rtp = FreePorts.block(GatewayFixture.RTP_PORTS);
    int httpPort = FreePorts.udpAndTcp();
    Path data = Files.createDirectories(dir.resolve("data"));
    Path file = dir.resolve("voice-gateway.yaml");
    Files.writeString(file, yaml(sipPort, rtp, httpPort, data, false), StandardCharsets.UTF_8);
    Gateway gw = Gateway.start(ConfigLoader.load(file, Map.of())).await(60, TimeUnit.SECONDS);
    MessageConsumer<CallEvent> listener = gw.vertx().eventBus().consumer(Addresses.CALL_EVENTS, m -> {
      if (m.body().type() == CallEventType.IVR_STEP) {
        steps.add(m.body());
      }
    });
    try {
      gw.reloadFrom(() -> ConfigLoader.load(file, Map.of()));
      ApiClient api = new ApiClient(gw.httpPort(), "test-token");
      String target = "127.0.0.1:" + sipPort;
      PromptsConfig prompts = gw.config().prompts();
      Path silence = silence(dir.resolve("silence.wav"), 120);

      // a conference in progress: erin plays a 1 kHz tone into room lobby, dave listens
      Path tone = tone(dir.resolve("tone.wav"), 120);
      BaresipDevice dave = phone(gw, target, "dave", "diver", silence);
      opened.add(dave);
      BaresipDevice erin = phone(gw, target, "erin", "eagle", tone);
      opened.add(erin);
      dave.command("dial", "sip:800@" + target);
      assertTrue(GatewayUnderTest.eventually(20, () -> participants(api, "lobby") == 1), "dave in the lobby");
      erin.command("dial", "sip:800@" + target);
      assertTrue(GatewayUnderTest.eventually(20, () -> participants(api, "lobby") == 2), "erin in the lobby");

      try (BaresipDevice alice = phone(gw, target, "alice", "wonderland", talk(dir))) {
        alice.command("dial", "sip:500@" + target);
        String aliceCall = awaitCall("menu main", List.of(), alice);

        Files.writeString(file, yaml(sipPort, rtp, httpPort, data, true), StandardCharsets.UTF_8);
        ApiClient.Answer reloaded = api.post("/api/v1/config/reload", "{}");
        assertEquals(200, reloaded.status(), reloaded.toString());
        JsonObject outcome = reloaded.object();
        System.out.println("reload with alice in the menu: " + outcome.encode());
        assertEquals("APPLIED", outcome.getString("status"), outcome.encode());
        assertEquals(List.of("routes: 2 → 3", "ivr: +support ~main", "voicemail: +sales",
            "voicemail.access_number: *97", "conferences: +board -lobby"), outcome.getJsonArray("applied").getList());
        assertEquals(0, outcome.getJsonArray("needsRestart").size(), outcome.encode());
        assertEquals(3, gw.metrics().activeCalls(), "alice's, dave's and erin's calls are still up");

        // alice's menu is the one she entered: key 1 is still the echo test, and her speech comes back
        alice.command("sndcode", "1");
        awaitStep(aliceCall, "echo", alice);
        double heardAtEcho = alice.heardSeconds();
        assertTrue(GatewayUnderTest.eventually(30, () -> alice.heardSeconds() >= heardAtEcho + 7),
            "alice's call goes on with audio after the reload\n" + alice.logText());
        alice.command("hangup", "");
        assertTrue(GatewayUnderTest.eventually(10, () -> gw.metrics().activeCalls() == 2), "alice's call ended");
        alice.close();
        assertEquals(List.of("menu main", "key 1", "echo"), path(aliceCall).stream()
            .filter(s -> !s.equals("timeout")).toList(), "the old menu's key 1, not the new box");
        AudioMatch.Result echo = IvrAudio.tailMatch(AudioMatch.read(alice.sent(), RATE),
            AudioMatch.read(alice.heard(), RATE), 6, 1500, RATE);
        System.out.println("alice hears herself from the echo app, reached by the old menu after the reload: " + echo);
        assertTrue(echo.windows().size() >= 4, "echoed speech: " + echo);
        assertTrue(echo.medianCorrelation() >= 0.9, "echo: " + echo);
      }

      // the removed room keeps its two members, and dave still hears erin's tone
      JsonObject lobby = api.get("/api/v1/conferences/lobby").object();
      System.out.println("the lobby after the reload removed it: " + lobby.encode());
      assertEquals(2, lobby.getJsonArray("participants").size(), lobby.encode());
      assertEquals(Boolean.FALSE, lobby.getBoolean("configured"), "no longer configured: " + lobby.encode());
      double daveAtReload = dave.heardSeconds();
      assertTrue(GatewayUnderTest.eventually(30, () -> dave.heardSeconds() >= daveAtReload + 3),
          "dave's call goes on with audio after the reload\n" + dave.logText());
      hangUp(gw, dave, 1);
      hangUp(gw, erin, 0);
      short[] daveHeard = AudioMatch.read(dave.heard(), RATE);
      short[] tail = java.util.Arrays.copyOfRange(daveHeard, Math.max(0, daveHeard.length - 3 * RATE),
          daveHeard.length - RATE / 2);
      double[] purity = tonePurity(tail, 1000);
      System.out.printf("dave's last seconds in the removed room: 1 kHz purity %.3f at rms %.0f%n", purity[0],
          purity[1]);
      assertTrue(purity[1] > 300 && purity[0] >= 0.9, "dave hears erin's tone after the reload: purity "
          + purity[0] + ", rms " + purity[1]);
      assertEquals(-1, participants(api, "lobby"), "the removed room closed with its last member");

      // a new call reaches the new IVR and hears its greeting
      try (BaresipDevice bob = phone(gw, target, "bob", "builder", silence)) {
        bob.command("dial", "sip:600@" + target);
        String bobCall = awaitCall("menu support", List.of(), bob);
        awaitStep(bobCall, "timeout", bob); // the greeting played whole
        hangUp(gw, bob);
        AudioMatch.Result greeting = IvrAudio.promptMatch(prompts, SUPPORT, AudioMatch.read(bob.heard(), RATE), RATE);
        System.out.println("bob heard the new IVR's greeting vs espeak-ng's rendering: " + greeting);
        assertTrue(greeting.windows().size() >= 4, "the new greeting was heard: " + greeting);
        assertTrue(greeting.medianCorrelation() >= 0.9, "new IVR greeting: " + greeting);
      }

      // a new call to the changed menu: its new greeting, and key 1 leads to the new voicemail box
      try (BaresipDevice carol = phone(gw, target, "carol", "cat", silence)) {
        carol.command("dial", "sip:500@" + target);
        String carolCall = awaitCall("menu main", List.of(steps.get(0).callId()), carol);
        awaitStep(carolCall, "timeout", carol);
        carol.command("sndcode", "1");
        awaitStep(carolCall, "voicemail sales", carol);
        hangUp(gw, carol);
        short[] heard = AudioMatch.read(carol.heard(), RATE);
        AudioMatch.Result fresh = IvrAudio.promptMatch(prompts, NEW_MAIN, heard, RATE);
        AudioMatch.Result stale = IvrAudio.promptMatch(prompts, OLD_MAIN, heard, RATE);
        System.out.println("carol heard main's greeting: vs the new text " + fresh + "; vs the old text " + stale);
        assertTrue(fresh.windows().size() >= 4 && fresh.medianCorrelation() >= 0.9, "main's new greeting: " + fresh);
        assertTrue(stale.medianCorrelation() < fresh.medianCorrelation() - 0.3,
            "the old greeting is not what carol heard: " + stale);
      }
      JsonArray boxes = api.get("/api/v1/voicemail").object().getJsonArray("boxes");
      assertEquals("sales", boxes.getJsonObject(0).getString("box"), boxes.encode());

      // a new prompt that does not render (not a WAV): 400 naming its key, and nothing changes
      Path notWav = Files.writeString(dir.resolve("broken.wav"), "not a wav", StandardCharsets.UTF_8);
      GatewayConfig before = gw.liveConfig().get();
      Files.writeString(file, yaml(sipPort, rtp, httpPort, data, true).replace("greeting: \"" + SUPPORT + "\"",
          "greeting: " + notWav), StandardCharsets.UTF_8);
      ApiClient.Answer bad = api.post("/api/v1/config/reload", "{}");
      System.out.println("reload with a broken prompt: " + bad.body());
      assertEquals(400, bad.status(), bad.toString());
      assertEquals("ivr.support.greeting", bad.object().getJsonArray("errors").getJsonObject(0).getString("key"),
          bad.toString());
      assertSame(before, gw.liveConfig().get(), "a prompt that does not render changes nothing");
    } finally {
      for (BaresipDevice phone : opened) {
        phone.close();
      }
      listener.unregister();
      gw.stop().await(30, TimeUnit.SECONDS);
    }
  }

  /** A registered baresip phone, bound from its own port. */
  private static BaresipDevice phone(Gateway gw, String target, String user, String password, Path wav)
      throws Exception {
    BaresipDevice phone = new BaresipDevice(Files.createTempDirectory(user), target, user, password, "PCMU", wav,
        RATE, true);
    phone.start();
    if (!GatewayUnderTest.eventually(15, () -> bindings(gw, user).stream()
        .anyMatch(b -> b.sourcePort() == phone.sipPort()))) {
      phone.close();
      throw new AssertionError(user + " did not register; log:\n" + phone.logText());
    }
    return phone;
  }

  private static List<DeviceQueries.Binding> bindings(Gateway gw, String user) {
    try {
      return gw.vertx().eventBus().<DeviceQueries.Bindings>request(Addresses.DEVICE_BINDINGS,
          new DeviceQueries.BindingsQuery(user)).await(5, TimeUnit.SECONDS).body().bindings();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no bindings answer", e);
    }
  }

  private static void hangUp(Gateway gw, BaresipDevice phone) throws Exception {
    hangUp(gw, phone, 0);
  }

  private static void hangUp(Gateway gw, BaresipDevice phone, int callsLeft) throws Exception {
    phone.command("hangup", "");
    assertTrue(GatewayUnderTest.eventually(10, () -> gw.metrics().activeCalls() == callsLeft), "the call ended");
    phone.close();
  }

  /** Members of a conference room, as the REST API lists them; -1 when there is no such room. */
  private static int participants(ApiClient api, String room) {
    try {
      ApiClient.Answer answer = api.get("/api/v1/conferences/" + room);
      return answer.status() == 200 ? answer.object().getJsonArray("participants").size() : -1;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * How much of {@code pcm} is one sine at {@code hz}: its amplitude (by projection on sine and cosine) over
   * √2 × the RMS, 1 for a pure tone; and the RMS.
   */
  private static double[] tonePurity(short[] pcm, double hz) {
    double sin = 0;
    double cos = 0;
    double energy = 0;
    for (int i = 0; i < pcm.length; i++) {
      double phase = 2 * Math.PI * hz * i / RATE;
      sin += pcm[i] * Math.sin(phase);
      cos += pcm[i] * Math.cos(phase);
      energy += (double) pcm[i] * pcm[i];
    }
    double amplitude = 2.0 / pcm.length * Math.hypot(sin, cos);
    double rms = Math.sqrt(energy / pcm.length);
    return new double[] {rms == 0 ? 0 : amplitude / (Math.sqrt(2) * rms), rms};
  }

  /** The call id of the first call, not among {@code earlier}, whose IVR took {@code step}. */
  private String awaitCall(String step, List<String> earlier, BaresipDevice caller) {
    assertTrue(GatewayUnderTest.eventually(20, () -> steps.stream()
        .anyMatch(s -> step.equals(s.reason()) && !earlier.contains(s.callId()))),
        "IVR step '" + step + "'; steps so far " + steps.stream().map(CallEvent::reason).toList() + "\n"
            + caller.logText());
    return steps.stream().filter(s -> step.equals(s.reason()) && !earlier.contains(s.callId())).findFirst()
        .orElseThrow().callId();
  }

  private void awaitStep(String callId, String step, BaresipDevice caller) {
    assertTrue(GatewayUnderTest.eventually(30, () -> path(callId).contains(step)),
        "IVR step '" + step + "' of " + callId + "; its steps so far " + path(callId) + "\n" + caller.logText());
  }

  private List<String> path(String callId) {
    return steps.stream().filter(s -> s.callId().equals(callId)).map(CallEvent::reason).toList();
  }

  /** The speech fixture five times over: alice talks all through her call. */
  private static Path talk(Path dir) throws Exception {
    Path speech = SpeechFixture.speech(dir, RATE);
    Path out = dir.resolve("talk.wav");
    Tools.run("sox", speech.toString(), speech.toString(), speech.toString(), speech.toString(), speech.toString(),
        out.toString());
    return out;
  }

  private static Path tone(Path out, int seconds) throws Exception {
    Tools.run("sox", "-n", "-r", String.valueOf(RATE), "-c", "1", "-b", "16", out.toString(), "synth",
        String.valueOf(seconds), "sine", "1000", "vol", "0.25");
    return out;
  }

  private static Path silence(Path out, int seconds) throws Exception {
    Tools.run("sox", "-n", "-r", String.valueOf(RATE), "-c", "1", "-b", "16", out.toString(), "trim", "0",
        String.valueOf(seconds));
    return out;
  }
}
