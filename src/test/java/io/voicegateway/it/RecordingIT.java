package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.HistoryEntry;
import io.voicegateway.bus.HistoryPage;
import io.voicegateway.bus.HistoryQuery;
import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.support.HeadlessChromium;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.JavaLauncher;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridged call on a route with {@code record: true}: alice (PCMU) dials 700, the route rings bob (G.722), each
 * plays different speech. The WAV's left channel must be alice's speech, its right channel bob's, each correlating
 * ≥ 0.9 with what that phone sent; and a gateway killed with SIGKILL mid-call leaves a file a WAV parser reads
 * (before any repair, and with all its audio after the next start's repair).
 */
class RecordingIT {
  private static final int RATE = 8000;
  private static final String BOB_TEXT = "Recording check from the far end. Seven, eight, nine, ten. "
      + "Pack my box with five dozen liquor jugs. Bright vixens jump, dozy fowl quack.";
  private static final String ROUTES = String.join("\n",
      "devices:",
      "  - {id: alice, password: wonderland, extension: \"101\"}",
      "  - {id: bob, password: builder, extension: \"102\"}",
      "routes:",
      "  - direction: outbound",
      "    match: \"700\"",
      "    ring: [bob]",
      "    record: true",
      "  - direction: outbound",
      "    match: \"701\"",
      "    ring: [bob]");

  @TempDir
  Path dir;

  /** Bob's speech: another text than alice's, so the two channels cannot pass for each other. */
  private Path bobSpeech() throws Exception {
    Path raw = dir.resolve("bob-raw.wav");
    Path out = dir.resolve("bob-16000.wav");
    Tools.run("espeak-ng", "-v", "en-us", "-s", "150", "-w", raw.toString(), BOB_TEXT);
    Tools.run("sox", raw.toString(), "-r", "16000", "-c", "1", "-b", "16", out.toString(), "pad", "0.5", "0",
        "gain", "-n", "-3");
    return out;
  }

  /** One channel of a stereo recording against what a phone sent, both from their speech onset, at 8 kHz. */
  private static AudioMatch.Result match(short[] sent8k, short[] channel16k) {
    short[] recorded = AudioMatch.fromOnset(AudioMatch.resample(channel16k, 16000, RATE), RATE, 300);
    short[] sent = AudioMatch.fromOnset(sent8k, RATE, 20);
    // Only what the recording can hold: the call (or the gateway) ended before the phone's file did.
    sent = Arrays.copyOf(sent, Math.max(0, Math.min(sent.length, recorded.length - RATE * 700 / 1000)));
    return AudioMatch.align(sent, recorded, RATE, 500, 600);
  }

  private static void assertChannels(String what, short[] stereo, Path aliceSent, Path bobSent, double minimum)
      throws Exception {
    short[] left = AudioMatch.channel(stereo, 2, 0);
    short[] right = AudioMatch.channel(stereo, 2, 1);
    short[] alice = AudioMatch.read(aliceSent, RATE);
    short[] bob = AudioMatch.read(bobSent, RATE);
    AudioMatch.Result leftAlice = match(alice, left);
    AudioMatch.Result rightBob = match(bob, right);
    AudioMatch.Result leftBob = match(bob, left);
    System.out.println(what + ": left~alice " + leftAlice + "; right~bob " + rightBob + "; left~bob " + leftBob);
    assertTrue(leftAlice.windows().size() >= 4, what + ": too little of alice recorded: " + leftAlice);
    assertTrue(rightBob.windows().size() >= 4, what + ": too little of bob recorded: " + rightBob);
    assertTrue(leftAlice.medianCorrelation() >= minimum, what + ": the left channel is alice: " + leftAlice);
    assertTrue(rightBob.medianCorrelation() >= minimum, what + ": the right channel is bob: " + rightBob);
    assertTrue(leftBob.medianCorrelation() < 0.5, what + ": bob is not in alice's channel: " + leftBob);
  }

  /** The samples a strict WAV parser (the JDK's) reads: exactly what the header declares. */
  private static short[] parsed(Path wav) throws Exception {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
      AudioFormat f = in.getFormat();
      assertEquals(16000, (int) f.getSampleRate(), wav.toString());
      assertEquals(2, f.getChannels());
      assertEquals(16, f.getSampleSizeInBits());
      assertEquals(AudioFormat.Encoding.PCM_SIGNED, f.getEncoding());
      byte[] data = in.readAllBytes();
      short[] samples = new short[data.length / 2];
      ByteBuffer.wrap(data).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN).asShortBuffer()
          .get(samples);
      return samples;
    }
  }

  @Test
  void eachSideOfABridgedCallIsItsOwnChannel() throws Exception {
    Path history = Files.createDirectories(dir.resolve("data"));
    GatewayFixture gw = GatewayFixture.start("  jitter_buffer_ms: 40\n  keepalive_interval: 1h",
        ROUTES + "\nhistory:\n  data_dir: " + history);
    List<CallEvent> events = new CopyOnWriteArrayList<>();
    gw.gateway().vertx().eventBus().<CallEvent>consumer(Addresses.CALL_EVENTS, m -> events.add(m.body()));
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", SpeechFixture.speech(dir, 8000), 8000,
             false);
         BaresipDevice bob = gw.phone(dir, "bob", "builder", "G722", bobSpeech(), 16000, true)) {
      alice.command("dial", "700");
      assertTrue(GatewayUnderTest.eventually(60, () -> events.stream()
              .anyMatch(e -> e.type() == CallEventType.RECORDING_STOPPED)),
          "the call was recorded and ended: " + events + "\n" + alice.logText());
      alice.close();
      bob.close();
      CallEvent started = events.stream().filter(e -> e.type() == CallEventType.RECORDING_STARTED).findFirst()
          .orElseThrow();
      Path wav = Path.of(started.reason());
      assertTrue(wav.startsWith(history.resolve("recordings")), wav.toString());
      assertEquals(started.callId() + ".wav", wav.getFileName().toString());
      assertChannels("bridged PCMU/G.722 call", parsed(wav), alice.sent(), bob.sent(), 0.9);

      assertTrue(GatewayUnderTest.eventually(20, () -> !this.<HistoryPage>ask(gw).items().isEmpty()));
      HistoryEntry entry = this.<HistoryPage>ask(gw).items().get(0);
      assertEquals(wav.toString(), entry.recording());
      assertTrue(entry.recordingMs() > 3_000, entry.toString());
    } finally {
      gw.close();
    }
  }

  /**
   * The dashboard on a call whose route does not record: the card's Record button starts the recording (and says
   * so), the finished call's history row gets a player whose source is the WAV. Leaves
   * target/dashboard-recording.png (docs/ has a copy).
   */
  @Test
  void theDashboardRecordsALiveCallAndPlaysItFromTheHistory() throws Exception {
    Tools.require("chromium", "chromedriver");
    GatewayFixture gw = GatewayFixture.start("  jitter_buffer_ms: 40\n  keepalive_interval: 1h", ROUTES);
    List<CallEvent> events = new CopyOnWriteArrayList<>();
    gw.gateway().vertx().eventBus().<CallEvent>consumer(Addresses.CALL_EVENTS, m -> events.add(m.body()));
    try (HeadlessChromium browser = HeadlessChromium.start(1440, 1000);
         BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", SpeechFixture.speech(dir, 8000), 8000,
             false);
         BaresipDevice bob = gw.phone(dir, "bob", "builder", "G722", bobSpeech(), 16000, true)) {
      browser.navigate("http://127.0.0.1:" + gw.gateway().httpPort() + "/");
      browser.type(browser.await("input[name=token], input[type=password]", 10), "test-token");
      browser.click(browser.find("form button[type=submit], form input[type=submit]"));
      browser.await("#live.live", 15);

      alice.command("dial", "701");
      String record = browser.await("article.call[data-state=CONNECTED] button.record", 20);
      assertEquals("Record", browser.text(record));
      browser.click(record);
      HeadlessChromium.eventually(10, "the button to say it records",
          () -> textOf(browser, record).equals("Stop recording") ? true : null);
      assertTrue(GatewayUnderTest.eventually(10, () -> events.stream()
          .anyMatch(e -> e.type() == CallEventType.RECORDING_STARTED)), events.toString());

      assertTrue(GatewayUnderTest.eventually(60, () -> events.stream()
          .anyMatch(e -> e.type() == CallEventType.RECORDING_STOPPED)), "the call ended: " + events);
      String player = browser.await("#history-table tbody tr[data-call-id] audio.recording", 20);
      assertNotNull(player);
      JsonNode fetched = browser.script("""
          const src = document.querySelector('#history-table audio.recording').src;
          const x = new XMLHttpRequest();
          x.open('GET', src, false);
          x.send();
          return [x.status, x.getResponseHeader('Content-Type'), x.responseText.slice(0, 4)];
          """);
      assertEquals(200, fetched.get(0).asInt(), fetched.toString());
      assertEquals("audio/wav", fetched.get(1).asText());
      assertEquals("RIFF", fetched.get(2).asText());
      Files.write(Path.of("target", "dashboard-recording.png"), browser.screenshot()); // docs/ holds a copy
    } finally {
      gw.close();
    }
  }

  private static String textOf(HeadlessChromium browser, String element) {
    try {
      return browser.text(element);
    } catch (Exception e) {
      return "";
    }
  }

  @SuppressWarnings("unchecked")
  private <R> R ask(GatewayFixture gw) {
    return (R) gw.ask(Addresses.HISTORY_QUERY, HistoryQuery.all());
  }

  @Test
  void aGatewayKilledMidCallLeavesAReadableFileThatTheNextStartMends() throws Exception {
    int sipPort = FreePorts.udpAndTcp();
    int httpPort = FreePorts.udpAndTcp();
    int rtp = FreePorts.block(20);
    Path data = dir.resolve("data");
    Path conf = dir.resolve("gw.yaml");
    Files.writeString(conf, String.join("\n",
        "media:",
        "  sip_port: " + sipPort,
        "  bind_address: 127.0.0.1",
        "  rtp_port_range: " + rtp + "-" + (rtp + 19),
        "  jitter_buffer_ms: 40",
        "  keepalive_interval: 1h",
        "http:",
        "  host: 127.0.0.1",
        "  port: " + httpPort,
        "  api_token: secret",
        "bridge:",
        "  tcp_port: " + FreePorts.udpAndTcp(),
        "history:",
        "  data_dir: " + data,
        ROUTES,
        ""));
    ApiClient api = new ApiClient(httpPort, "secret");
    Process gw = launch(conf, dir.resolve("gw-1.log"));
    Path wav;
    Path aliceSent;
    Path bobSent;
    try {
      String registrar = "127.0.0.1:" + sipPort;
      try (BaresipDevice alice = new BaresipDevice(dir.resolve("alice"), registrar, "alice", "wonderland", "PCMU",
               SpeechFixture.speech(dir, 8000), 8000, false);
           BaresipDevice bob = new BaresipDevice(dir.resolve("bob"), registrar, "bob", "builder", "G722",
               bobSpeech(), 16000, true)) {
        alice.start();
        bob.start();
        for (BaresipDevice phone : List.of(alice, bob)) {
          String id = phone == alice ? "alice" : "bob";
          assertTrue(GatewayUnderTest.eventually(20, () -> bodyOf(api, "/api/v1/devices/" + id)
              .contains(Integer.toString(phone.sipPort()))), id + " registered: " + phone.logText());
        }
        alice.command("dial", "700");
        // Six seconds of stereo 16 kHz on disk (the speech lasts about nine), then SIGKILL (Process.destroyForcibly
        // on Linux): no shutdown hook runs, the last header rewrite is up to a second old.
        long sixSeconds = 44 + 6L * 16000 * 2 * 2;
        assertTrue(GatewayUnderTest.eventually(40, () -> recordingOf(data) != null
            && sizeOf(recordingOf(data)) >= sixSeconds), () -> "recording grew: " + alice.logText()
            + "\n--- bob:\n" + bob.logText() + "\n--- gateway:\n" + String.join("\n", linesOf(dir.resolve("gw-1.log"))));
        wav = recordingOf(data);
        gw.destroyForcibly();
        assertTrue(gw.waitFor(20, TimeUnit.SECONDS));
        assertEquals(137, gw.exitValue(), "killed by SIGKILL");
        alice.close();
        bob.close();
        aliceSent = alice.sent();
        bobSent = bob.sent();
      }
    } finally {
      gw.destroyForcibly();
    }
    long length = Files.size(wav);
    short[] beforeRepair = parsed(wav);
    System.out.println("killed: file " + length + " bytes, header declares " + beforeRepair.length * 2 + " bytes");
    assertTrue(beforeRepair.length * 2L >= 4L * 16000 * 2 * 2, "at least 4 s readable before any repair");
    assertChannels("before repair", beforeRepair, aliceSent, bobSent, 0.9);

    Process again = launch(conf, dir.resolve("gw-2.log"));
    try {
      short[] afterRepair = parsed(wav);
      long frameBytes = 4;
      assertEquals((length - 44) / frameBytes * frameBytes, afterRepair.length * 2L,
          "the header now covers every whole frame on disk");
      assertTrue(Files.readString(dir.resolve("gw-2.log")).contains("mended"), "the start-up says so");
      assertChannels("after repair", afterRepair, aliceSent, bobSent, 0.9);
    } finally {
      again.destroy();
      again.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Starts the gateway in its own JVM and waits for its start-up banner (its last line, "dashboard …"). */
  private static Process launch(Path conf, Path log) throws Exception {
    Process p = JavaLauncher.main(List.of(), "--conf", conf.toString()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    boolean up = GatewayUnderTest.eventually(60, () -> !p.isAlive() || linesOf(log).stream()
        .anyMatch(l -> l.startsWith("dashboard ")));
    assertTrue(up && p.isAlive(), "gateway started: " + linesOf(log));
    return p;
  }

  private static List<String> linesOf(Path log) {
    try {
      return Files.exists(log) ? Files.readAllLines(log) : List.of();
    } catch (java.io.IOException e) {
      return List.of();
    }
  }

  private static String bodyOf(ApiClient api, String path) {
    try {
      return api.get(path).body();
    } catch (Exception e) {
      return "";
    }
  }

  private static Path recordingOf(Path data) {
    Path root = data.resolve("recordings");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".wav")).findFirst().orElse(null);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
