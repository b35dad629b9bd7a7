package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.it.peers.Baresip;
import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.TcpBridgeClient;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import io.voicegateway.testing.Wav;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voicemail end to end with real peers: a trunk call (baresip from the carrier's address) rings alice's registered
 * baresip phone, which does not answer; after the ring timeout the voicemail box answers, the caller hears the
 * greeting and the beep and leaves a message of known speech, then hangs up. The stored WAV matches what the caller
 * sent, VOICEMAIL_RECEIVED comes out of the TCP bridge, the REST API lists the message and serves its audio, and
 * alice, dialling the access number from her phone, hears it back.
 */
class VoicemailIT {
  private static final int COMPARE_RATE = 8000;
  private static final String GREETING_TEXT =
      "Sorry, Alice cannot take your call. Please leave a message after the tone.";
  @TempDir
  static Path shared;
  private static Path greeting;
  private static GatewayFixture gw;
  private static Path dataDir;

  @BeforeAll
  static void start() throws Exception {
    Tools.require("espeak-ng", "sox");
    Path raw = shared.resolve("greeting-raw.wav");
    greeting = shared.resolve("greeting.wav");
    Tools.run("espeak-ng", "-v", "en", "-s", "150", "-w", raw.toString(), GREETING_TEXT);
    Tools.run("sox", raw.toString(), "-r", "16000", "-c", "1", "-b", "16", greeting.toString(), "gain", "-n", "-3");
    dataDir = Files.createDirectories(shared.resolve("data"));
    gw = GatewayFixture.start("  jitter_buffer_ms: 40\n  keepalive_interval: 1h", String.join("\n",
        "providers:",
        "  - id: carrier",
        "    host: 127.0.0.1",
        "    port: 5999",
        "    codecs: [g711-ulaw]",
        "    inbound_ips: [127.0.0.1]",
        GatewayFixture.ALICE_AND_BOB,
        "routes:",
        "  - direction: inbound",
        "    match: \"+4930555\"",
        "    ring: [alice]",
        "    ring_timeout: 3s",
        "    on_no_answer: { voicemail: alice }",
        "voicemail:",
        "  access_number: \"*97\"",
        "  boxes:",
        "    alice:",
        "      greeting: { file: " + greeting + " }",
        "      owners: [alice]",
        "      max_length: 60s",
        "      silence_timeout: 4s",
        "history:",
        "  data_dir: " + dataDir));
  }

  @AfterAll
  static void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  private static Path silence(Path dir, String name, double seconds) throws Exception {
    Path out = dir.resolve(name);
    Tools.run("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", out.toString(), "trim", "0", Double.toString(seconds));
    return out;
  }

  @Test
  void aMissedTrunkCallLeavesAMessageTheOwnerHearsBack(@TempDir Path dir) throws Exception {
    ApiClient api = new ApiClient(gw.gateway().httpPort(), "test-token");
    double greetingSeconds = Wav.read(greeting).seconds();
    // the caller's side: silent through the greeting and beep, then the speech, then a second of quiet and hang-up
    Path lead = silence(dir, "lead.wav", greetingSeconds + 1.5);
    Path speech = SpeechFixture.speech(dir, 8000);
    Path source = dir.resolve("caller.wav");
    Tools.run("sox", lead.toString(), speech.toString(), source.toString(), "pad", "0", "1");

    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", silence(dir, "quiet.wav", 60), 8000,
        false);
         TcpBridgeClient bridge = TcpBridgeClient.connect(gw.bridgePort(), "test-token")) {
      bridge.register("vg.voicemail.events");
      Baresip caller = new Baresip(dir.resolve("caller"), "PCMU", source, 8000);
      Baresip.CallRecording call = caller.call("sip:+4930555@" + gw.target(), Duration.ofSeconds(45));
      assertTrue(alice.logText().contains("INVITE sip:"), "alice's phone rang:\n" + alice.logText());

      // the caller heard the greeting (then the beep)
      AudioMatch.Result heardGreeting = AudioMatch.align(
          DeviceCallsIT.fromOnset(AudioMatch.read(greeting, COMPARE_RATE), 20),
          DeviceCallsIT.fromOnset(AudioMatch.read(call.heard(), COMPARE_RATE), 300), COMPARE_RATE, 500, 600);
      System.out.println("greeting at the trunk caller: " + heardGreeting);
      assertTrue(heardGreeting.windows().size() >= 4, "too little of the greeting: " + heardGreeting);
      assertTrue(heardGreeting.medianCorrelation() >= 0.9, "the greeting at the caller: " + heardGreeting);

      // the event through the TCP bridge
      JsonObject frame = null;
      for (int i = 0; i < 5 && (frame == null || !"vg.voicemail.events".equals(frame.getString("address"))); i++) {
        frame = bridge.next(15);
      }
      assertNotNull(frame, "VOICEMAIL_RECEIVED through the bridge");
      JsonObject event = frame.getJsonObject("body");
      assertEquals("VOICEMAIL_RECEIVED", event.getString("type"), frame.encode());
      assertEquals("alice", event.getString("box"));
      String id = event.getString("messageId");
      assertTrue(event.getString("caller").contains("tester"), event.encode());
      assertTrue(event.getLong("durationMs") > 7000, event.encode());

      // the REST API lists it as new, and serves it
      ApiClient.Answer boxes = api.get("/api/v1/voicemail");
      assertEquals(200, boxes.status(), boxes.toString());
      JsonObject box = boxes.object().getJsonArray("boxes").getJsonObject(0);
      assertEquals(new JsonObject().put("box", "alice").put("newMessages", 1).put("totalMessages", 1), box);
      JsonArray messages = api.get("/api/v1/voicemail/alice/messages").object().getJsonArray("messages");
      assertEquals(1, messages.size());
      assertEquals(id, messages.getJsonObject(0).getString("id"));
      ApiClient.Answer audio = api.get("/api/v1/voicemail/alice/messages/" + id + "/audio");
      assertEquals(200, audio.status());
      assertEquals("audio/wav", audio.raw().headers().firstValue("Content-Type").orElse(""));

      // the stored file is what the caller said
      Path stored = dataDir.resolve("voicemail/alice/" + id + ".wav");
      AudioMatch.Result message = AudioMatch.align(
          DeviceCallsIT.fromOnset(AudioMatch.read(call.sent(), COMPARE_RATE), 20),
          DeviceCallsIT.fromOnset(AudioMatch.read(stored, COMPARE_RATE), 300), COMPARE_RATE, 500, 600);
      System.out.println("stored message against the caller's speech: " + message);
      assertTrue(message.windows().size() >= 6, "too little speech stored: " + message);
      assertTrue(message.medianCorrelation() >= 0.9, "the stored message: " + message);

      // alice dials the access number and hears it
      alice.command("dial", "*97");
      assertTrue(GatewayUnderTest.eventually(60, () -> alice.logText().contains("BYE sip:")),
          "the owner's call ended after the last message:\n" + alice.logText());
      alice.close(); // baresip writes its dumps out as it quits
      // alice hears "You have 1 new message.", a beep, then the message with the silence the caller left before
      // speaking: the speech lags the first sound she hears by seconds
      AudioMatch.Result back = AudioMatch.align(DeviceCallsIT.fromOnset(AudioMatch.read(stored, COMPARE_RATE), 20),
          DeviceCallsIT.fromOnset(AudioMatch.read(alice.heard(), COMPARE_RATE), 300), COMPARE_RATE, 500, 9000);
      System.out.println("the message at the owner's phone: " + back);
      assertTrue(back.windows().size() >= 6, "too little of the message: " + back);
      assertTrue(back.medianCorrelation() >= 0.9, "the message at alice: " + back);
      JsonObject after = api.get("/api/v1/voicemail").object().getJsonArray("boxes").getJsonObject(0);
      assertEquals(0, after.getInteger("newMessages"), "heard: " + after);
    }
  }
}
