package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.apps.audio.WavWriter;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.HistoryEntry;
import io.voicegateway.bus.HistoryPage;
import io.voicegateway.bus.HistoryQuery;
import io.voicegateway.config.DtmfMethod;
import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registered baresip phone (alice) calls an IVR and navigates it with RFC 4733 keys sent over its control
 * socket: it lets the first menu time out, presses an invalid key, goes one level down and asks for bob, a second
 * registered baresip that answers by itself. Call control hands the call from the IVR to bob inside the same call;
 * bob hears alice. What alice heard of the greeting is compared with the same text rendered by the same engine
 * (espeak-ng through the prompt library), and the path the IVR took comes from its IVR_STEP events (and the
 * history). Two more calls: barge-in, a phone nobody registered (480, "unavailable", back in the menu) and the echo
 * app; a fixed number called through a provider (SIPp echoing RTP); and keys sent as in-band tones only.
 */
class IvrIT {
  private static final int RATE = 8000;
  private static final String GREETING = "Welcome to the voice gateway. For the people menu, press one.";

  private static GatewayFixture gw;
  /** Where the provider (a SIPp UAS echoing RTP) listens. */
  private static final int CARRIER_PORT = FreePorts.udpAndTcp();

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start("", String.join("\n",
        "providers:",
        "  - {id: carrier, host: 127.0.0.1, port: " + CARRIER_PORT + ", codecs: [g711-ulaw]}",
        GatewayFixture.ALICE_AND_BOB,
        "  - {id: carol, password: cat, extension: \"103\"}",
        "ivr:",
        "  main:",
        "    greeting: \"" + GREETING + "\"",
        "    timeout: 2s",
        "    timeout_prompt: \"Please make a choice.\"",
        "    invalid: \"That is not a valid choice.\"",
        "    options:",
        "      \"1\": {menu: people}",
        "  people:",
        "    greeting: \"Press two for Bob, three for Carol, four for the office, nine for the echo test.\"",
        "    unavailable: \"Sorry, nobody is there.\"",
        "    options:",
        "      \"2\": {ring: [bob]}",
        "      \"3\": {ring: [carol]}",
        "      \"4\": {call: {number: \"+4930555\", provider: carrier}}",
        "      \"9\": {app: echo}",
        "      \"*\": back",
        "routes:",
        "  - {direction: inbound, match: \"500\", ivr: main, from: device}"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  /** This test's IVR steps, as published on the bus. */
  private final List<CallEvent> steps = new CopyOnWriteArrayList<>();
  private MessageConsumer<CallEvent> consumer;

  @BeforeEach
  void listen() {
    consumer = gw.gateway().vertx().eventBus().consumer(Addresses.CALL_EVENTS, m -> {
      if (m.body().type() == CallEventType.IVR_STEP) {
        steps.add(m.body());
      }
    });
  }

  @AfterEach
  void unlisten() {
    consumer.unregister();
  }

  @Test
  void twoLevelsWithTimeoutAndInvalidKeyThenTheIvrHandsTheCallToBob() throws Exception {
    Path talk = longSpeech(dir);
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", talk, RATE, true);
         BaresipDevice bob = gw.phone(dir, "bob", "builder", "PCMU", talk, RATE, true)) {
      alice.command("dial", gw.uri("500"));
      awaitStep("menu main", alice);
      awaitStep("timeout", alice); // the greeting played whole, then nothing was pressed
      alice.command("sndcode", "5");
      awaitStep("invalid key 5", alice);
      alice.command("sndcode", "1");
      awaitStep("menu people", alice);
      alice.command("sndcode", "2");
      awaitStep("connected", alice);
      String callId = talkAndHangUp(alice, 800); // both legs count: 8 s
      bob.close();

      List<String> path = path(callId);
      assertEquals(List.of("menu main", "timeout", "invalid key 5", "key 1", "menu people", "key 2", "ring bob",
          "connected"), path);
      assertEquals(path, historyOf(callId).ivrPath(), "the history keeps the path");

      AudioMatch.Result greeting = greetingMatch(AudioMatch.read(alice.heard(), RATE));
      System.out.println("greeting heard by alice vs espeak-ng rendering: " + greeting);
      assertTrue(greeting.windows().size() >= 4, "the greeting was heard: " + greeting);
      assertTrue(greeting.medianCorrelation() >= 0.9, "greeting: " + greeting);

      AudioMatch.Result bobHeard = tailMatch(AudioMatch.read(alice.sent(), RATE), AudioMatch.read(bob.heard(), RATE),
          60, 2000);
      System.out.println("alice -> bob after the hand-off: " + bobHeard);
      assertTrue(bobHeard.windows().size() >= 4, "bob heard speech: " + bobHeard);
      assertTrue(bobHeard.medianCorrelation() >= 0.9, "bob hears alice: " + bobHeard);
    }
  }

  @Test
  void bargeInThenNobodyThereBringsTheCallerBackAndTheEchoAppTakesOver() throws Exception {
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", longSpeech(dir), RATE, true)) {
      alice.command("dial", gw.uri("500"));
      awaitStep("menu main", alice);
      alice.command("sndcode", "1"); // during the greeting: barge-in
      awaitStep("menu people", alice);
      alice.command("sndcode", "3"); // carol is not registered
      awaitStep("ring carol 480", alice);
      alice.command("sndcode", "9");
      awaitStep("echo", alice);
      String callId = talkAndHangUp(alice, 500);

      assertEquals(List.of("menu main", "key 1", "menu people", "key 3", "ring carol", "ring carol 480", "key 9",
          "echo"), path(callId));
      AudioMatch.Result echo = tailMatch(AudioMatch.read(alice.sent(), RATE), AudioMatch.read(alice.heard(), RATE),
          6, 1500);
      System.out.println("alice hears herself from the echo app after the IVR: " + echo);
      assertTrue(echo.windows().size() >= 4, "echoed speech: " + echo);
      assertTrue(echo.medianCorrelation() >= 0.9, "echo: " + echo);
    }
  }

  /**
   * The keys as in-band tones only: alice's audio is a WAV of two DTMF tones (1, then 9) in silence, and she is
   * never told to send a key (baresip sends RFC 4733 events only for {@code sndcode}); the gateway's detector ({@code media.dtmf.method}, default both) finds them and the menu
   * navigates as with events, each tone cutting its greeting short.
   */
  @Test
  void keysSentAsInBandTonesOnlyNavigateTheMenu() throws Exception {
    assertEquals(DtmfMethod.BOTH, gw.gateway().config().media().dtmf().method(), "media.dtmf.method, the default");
    Path keys = inBandKeys(dir.resolve("keys.wav"), 2.0, '1', 5.0, '9', 12.0);
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", keys, RATE, true)) {
      alice.command("dial", gw.uri("500"));
      awaitStep("menu main", alice);
      awaitStep("menu people", alice);
      awaitStep("echo", alice);
      alice.command("hangup", "");
      assertTrue(GatewayUnderTest.eventually(10, () -> gw.activeCalls() == 0), "the call ended");
      String callId = steps.get(0).callId();
      assertEquals(List.of("menu main", "key 1", "menu people", "key 9", "echo"), path(callId));
    }
  }

  /**
   * A WAV of silence with a DTMF key at each given second (150 ms, both tones at -7 dBm0 as a phone sends them),
   * {@code endSeconds} long.
   */
  private static Path inBandKeys(Path out, double at1, char key1, double at2, char key2, double endSeconds)
      throws Exception {
    short[] pcm = new short[(int) (endSeconds * RATE)];
    double amplitude = 32768 * Math.pow(10, -3.17 / 20) * Math.pow(10, -7 / 20.0);
    for (Object[] press : new Object[][] {{at1, key1}, {at2, key2}}) {
      int row = "123456789*0#".indexOf((char) press[1]) / 3;
      int col = "123456789*0#".indexOf((char) press[1]) % 3;
      double low = new double[] {697, 770, 852, 941}[row];
      double high = new double[] {1209, 1336, 1477}[col];
      int start = (int) ((double) press[0] * RATE);
      for (int i = 0; i < RATE * 150 / 1000; i++) {
        double t = i / (double) RATE;
        pcm[start + i] = (short) Math.round(amplitude * (Math.sin(2 * Math.PI * low * t) + Math.sin(2 * Math.PI * high * t)));
      }
    }
    try (WavWriter wav = WavWriter.create(out, RATE, 1)) {
      wav.write(pcm, pcm.length);
    }
    return out;
  }

  @Test
  void theIvrCallsAFixedNumberThroughItsProvider() throws Exception {
    SippRunner.Running carrier = SippRunner.builtin("uas")
        .args("-p", String.valueOf(CARRIER_PORT), "-rtp_echo", "-mp", String.valueOf(FreePorts.block(4)))
        .timeoutSeconds(60).start(null, 1, 1, 1);
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", longSpeech(dir), RATE, true)) {
      alice.command("dial", gw.uri("500"));
      awaitStep("menu main", alice);
      alice.command("sndcode", "1");
      awaitStep("menu people", alice);
      alice.command("sndcode", "4");
      awaitStep("connected", alice);
      String callId = talkAndHangUp(alice, 900); // both legs count: 9 s
      SippRunner.Result trunk = carrier.await();
      assertEquals(1, trunk.successful(), "the provider was called and hung up: " + trunk);

      assertEquals(List.of("menu main", "key 1", "menu people", "key 4", "call +4930555", "connected"), path(callId));
      AudioMatch.Result echo = tailMatch(AudioMatch.read(alice.sent(), RATE), AudioMatch.read(alice.heard(), RATE),
          7, 1500);
      System.out.println("alice hears herself through the provider (SIPp -rtp_echo): " + echo);
      assertTrue(echo.windows().size() >= 6, "echoed speech: " + echo);
      // there and back through two legs, two jitter buffers and the mixer twice (as TrunkToDevicesIT)
      assertTrue(echo.medianCorrelation() >= 0.8, "through the provider: " + echo);
    }
  }

  /** Lets the call run until its legs received {@code packets} more RTP packets (50 a second each); alice hangs up. */
  private String talkAndHangUp(BaresipDevice alice, int packets) throws Exception {
    String callId = steps.get(0).callId();
    long before = packetsReceived(callId);
    assertTrue(GatewayUnderTest.eventually(20, () -> packetsReceived(callId) >= before + packets),
        "the call goes on for a few seconds");
    alice.command("hangup", "");
    assertTrue(GatewayUnderTest.eventually(10, () -> gw.activeCalls() == 0), "the call ended");
    alice.close();
    return callId;
  }

  private List<String> path(String callId) {
    assertTrue(steps.stream().allMatch(s -> s.callId().equals(callId)), "one call's steps");
    List<String> path = steps.stream().map(CallEvent::reason).toList();
    System.out.println("IVR path: " + path);
    return path;
  }

  private void awaitStep(String step, BaresipDevice caller) throws Exception {
    assertTrue(GatewayUnderTest.eventually(20, () -> steps.stream().anyMatch(s -> step.equals(s.reason()))),
        "IVR step '" + step + "'; steps so far " + steps.stream().map(CallEvent::reason).toList() + "\n"
            + caller.logText());
  }

  /** The speech fixture four times over: alice talks all through the call (baresip hangs up when it ends). */
  private static Path longSpeech(Path dir) throws Exception {
    Path speech = SpeechFixture.speech(dir, RATE);
    Path out = dir.resolve("talk.wav");
    Tools.run("sox", speech.toString(), speech.toString(), speech.toString(), speech.toString(), speech.toString(),
        speech.toString(), out.toString());
    return out;
  }

  private static HistoryEntry historyOf(String callId) throws Exception {
    assertTrue(GatewayUnderTest.eventually(10, () -> history(callId) != null), "the call reached the history");
    return history(callId);
  }

  private static HistoryEntry history(String callId) {
    return gw.<HistoryPage>ask(Addresses.HISTORY_QUERY, HistoryQuery.all()).items().stream()
        .filter(e -> e.id().equals(callId)).findFirst().orElse(null);
  }

  /** RTP packets every leg of the call received so far. */
  private static long packetsReceived(String callId) {
    try {
      Object reply = gw.gateway().vertx().eventBus().request(Addresses.MEDIA_STATS, callId)
          .await(5, TimeUnit.SECONDS).body();
      JsonArray legs = reply instanceof JsonArray a ? a : new JsonArray(reply.toString());
      return legs.stream().mapToLong(l -> ((JsonObject) l).getLong("packetsReceived", 0L)).sum();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no media stats", e);
    }
  }

  /** The greeting as the same engine renders it, against what alice heard from the first sound on. */
  private static AudioMatch.Result greetingMatch(short[] heard) throws Exception {
    return IvrAudio.promptMatch(gw.gateway().config().prompts(), GREETING, heard, RATE);
  }

  private static AudioMatch.Result tailMatch(short[] sent, short[] heardAll, int seconds, int maxLagMs) {
    return IvrAudio.tailMatch(sent, heardAll, seconds, maxLagMs, RATE);
  }
}
