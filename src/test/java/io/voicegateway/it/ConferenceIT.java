package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SpeechScript;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.AudioMatch;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real phones (baresip) in one conference room, and a bridged call that the REST API turns into a three-way
 * call. Each phone plays a script of distinct utterances (espeak-ng) and hangs up at its end; what each heard must
 * correlate with a reference mix of what the others said (each utterance placed where it landed) and not with what
 * it said itself; after one party leaves, the other two still hear each other.
 */
class ConferenceIT {
  private static final int RATE = SpeechScript.RATE;
  private static final double HEARS = 0.9;
  private static final double NOT_ITSELF = 0.5;
  private static GatewayFixture gw;
  private static ApiClient api;
  /** The board room's PIN prompt, a WAV made before the gateway starts. */
  private static short[] pinPrompt;

  @BeforeAll
  static void start() throws Exception {
    Path prompts = java.nio.file.Files.createTempDirectory("vg-conference-it");
    Path pin = SpeechScript.utterance(prompts, "pin", "Please key in the board's PIN, then press hash.");
    pinPrompt = pcm(pin);
    gw = GatewayFixture.start("  jitter_buffer_ms: 40\n  keepalive_interval: 1h", String.join("\n",
        GatewayFixture.ALICE_AND_BOB,
        "  - id: carol",
        "    password: carrots",
        "    extension: \"103\"",
        "  - id: dave",
        "    password: diver",
        "    extension: \"104\"",
        "routes:",
        "  - {direction: inbound, match: \"800\", app: conference lobby, from: device}",
        "  - {direction: inbound, match: \"801\", app: conference board, from: device}",
        "conferences:",
        "  rooms:",
        "    - {name: lobby, max_participants: 5}",
        "    - {name: board, pin: \"4711\", pin_prompt: " + pin + "}"));
    api = new ApiClient(gw.gateway().httpPort(), "test-token");
  }

  @AfterAll
  static void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  private static short[] pcm(Path wav) throws Exception {
    return AudioMatch.read(wav, RATE);
  }

  private static int members() throws Exception {
    return members("lobby");
  }

  private static int members(String name) throws Exception {
    ApiClient.Answer room = api.get("/api/v1/conferences/" + name);
    return room.status() == 200 ? room.object().getJsonArray("participants").size() : -1;
  }

  /** The phones follow their scripts in real time: the test waits for a point in them, as a listener would. */
  private static void waitUntil(long startNanos, double seconds) throws InterruptedException {
    long due = startNanos + (long) (seconds * 1e9);
    assertTrue(GatewayUnderTest.eventually(120, () -> System.nanoTime() >= due));
  }

  private static void check(String what, AudioMatch.Result result, boolean hears) {
    System.out.println(what + ": " + result);
    if (result.medianCorrelation() < HEARS == hears) { // what went wrong, window by window
      result.windows().forEach(w -> System.out.printf("  %.2f s: %.3f at %d ms%n", w.startSample() / (double) RATE,
          w.correlation(), w.lagSamples() * 1000 / RATE));
    }
    if (hears) {
      assertTrue(result.windows().size() >= 6, what + ": too little speech: " + result);
      assertTrue(result.medianCorrelation() >= HEARS, what + ": " + result);
    } else {
      assertTrue(result.medianCorrelation() < NOT_ITSELF, what + ": " + result);
    }
  }

  @Test
  void threePhonesInARoomHearTheOtherTwoAndNotThemselvesAndTwoGoOnWhenOneLeaves(@TempDir Path dir)
      throws Exception {
    short[] a1 = pcm(SpeechScript.utterance(dir, "a1", "Alice here, the weather in Berlin is sunny."));
    short[] b1 = pcm(SpeechScript.utterance(dir, "b1", "Bob speaking, seven eight nine ten."));
    short[] c1 = pcm(SpeechScript.utterance(dir, "c1", "Carol joins, quick brown foxes jump high."));
    short[] b2 = pcm(SpeechScript.utterance(dir, "b2", "Bob again, after Alice has gone."));
    short[] c2 = pcm(SpeechScript.utterance(dir, "c2", "Carol answers, lazy dogs sleep all day."));
    // times from each phone's own answer; the phones join about a second apart (see docs in each line)
    Path aliceScript = SpeechScript.script(dir, "alice", 27, 5, dir.resolve("a1.wav")); // leaves at ~27 s
    Path bobScript = SpeechScript.script(dir, "bob", 50, 9, dir.resolve("b1.wav"), 28, dir.resolve("b2.wav"));
    Path carolScript = SpeechScript.script(dir, "carol", 46, 15, dir.resolve("c1.wav"), 35, dir.resolve("c2.wav"));
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", aliceScript, RATE, false);
         BaresipDevice bob = gw.phone(dir, "bob", "builder", "PCMA", bobScript, RATE, false);
         BaresipDevice carol = gw.phone(dir, "carol", "carrots", "PCMU", carolScript, RATE, false)) {
      long start = System.nanoTime();
      alice.command("dial", "800");
      assertTrue(GatewayUnderTest.eventually(10, () -> count() == 1), "alice in the room");
      bob.command("dial", "800");
      assertTrue(GatewayUnderTest.eventually(10, () -> count() == 2), "bob in the room");
      carol.command("dial", "800");
      assertTrue(GatewayUnderTest.eventually(10, () -> count() == 3), "carol in the room");
      System.out.printf("joined: all three after %.1f s%n", (System.nanoTime() - start) / 1e9);
      JsonObject room = api.get("/api/v1/conferences/lobby").object();
      assertEquals(3, room.getJsonArray("participants").size(), room.encode());
      assertEquals("alice", room.getJsonArray("participants").getJsonObject(0).getString("device"));

      assertTrue(GatewayUnderTest.eventually(40, () -> count() == 2), "alice left at the end of her script");
      assertTrue(GatewayUnderTest.eventually(40, () -> count() < 2), "bob or carol left at the end of a script");
      assertTrue(GatewayUnderTest.eventually(15, () -> gw.activeCalls() == 0), "every member call ended");
      short[][] heard = hangUpAndHear(alice, bob, carol);
      short[] aliceHeard = heard[0];
      short[] bobHeard = heard[1];
      short[] carolHeard = heard[2];
      check("conference: alice hears bob + carol", SpeechScript.heardMixOf(aliceHeard, b1, c1), true);
      check("conference: bob hears alice + carol", SpeechScript.heardMixOf(bobHeard, a1, c1), true);
      check("conference: carol hears alice + bob", SpeechScript.heardMixOf(carolHeard, a1, b1), true);
      check("conference: alice does not hear herself", SpeechScript.heardMixOf(aliceHeard, a1), false);
      check("conference: bob does not hear himself", SpeechScript.heardMixOf(bobHeard, b1, b2), false);
      check("conference: carol does not hear herself", SpeechScript.heardMixOf(carolHeard, c1, c2), false);
      check("conference after alice left: carol hears bob", SpeechScript.heardMixOf(carolHeard, b2), true);
      check("conference after alice left: bob hears carol", SpeechScript.heardMixOf(bobHeard, c2), true);
    }
  }

  @Test
  void aRoomWithAPinAsksWithItsPromptAndLetsOnlyTheRightPinIn(@TempDir Path dir) throws Exception {
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", SpeechScript.script(dir, "alice", 40),
        RATE, false)) {
      long start = System.nanoTime();
      alice.command("dial", "801");
      waitUntil(start, 5); // the prompt has played
      assertEquals(0, members("board"), "nobody is in before the PIN");
      alice.command("sndcode", "1234#");
      waitUntil(start, 8);
      assertEquals(0, members("board"), "a wrong PIN lets nobody in");
      alice.command("sndcode", "4711#");
      assertTrue(GatewayUnderTest.eventually(10, () -> {
        try {
          return members("board") == 1;
        } catch (Exception e) {
          return false;
        }
      }), "the right PIN lets alice in");
      alice.command("hangup", "");
      assertTrue(GatewayUnderTest.eventually(10, () -> gw.activeCalls() == 0), "alice's call ended");
      short[] heard = hangUpAndHear(alice)[0];
      check("conference PIN prompt at alice", SpeechScript.heardMixOf(heard, pinPrompt), true);
    }
  }

  /** What each phone heard, once all are closed (baresip finishes its dumps on exit). */
  private static short[][] hangUpAndHear(BaresipDevice... phones) throws Exception {
    short[][] heard = new short[phones.length][];
    for (BaresipDevice phone : phones) {
      phone.close();
    }
    for (int i = 0; i < phones.length; i++) {
      heard[i] = pcm(phones[i].heard());
    }
    return heard;
  }

  private static int count() {
    try {
      return members();
    } catch (Exception e) {
      return -1;
    }
  }

  @Test
  void theApiAddsAThirdPartyToABridgedCallAndDropsOneLeavingTwoTalkingAsWhenOneHangsUp(@TempDir Path dir) throws Exception {
    short[] a1 = pcm(SpeechScript.utterance(dir, "a1", "Alice calls Bob about the quarterly numbers."));
    short[] b1 = pcm(SpeechScript.utterance(dir, "b1", "Bob answers, eleven twelve thirteen."));
    short[] c1 = pcm(SpeechScript.utterance(dir, "c1", "Carol was added by the operator."));
    short[] a2 = pcm(SpeechScript.utterance(dir, "a2", "Alice again, now Bob has been dropped."));
    short[] c2 = pcm(SpeechScript.utterance(dir, "c2", "Carol replies, still connected to Alice."));
    Path aliceScript = SpeechScript.script(dir, "alice", 44, 5, dir.resolve("a1.wav"), 28, dir.resolve("a2.wav"));
    Path bobScript = SpeechScript.script(dir, "bob", 60, 10, dir.resolve("b1.wav"));
    Path carolScript = SpeechScript.script(dir, "carol", 60, 13, dir.resolve("c1.wav"), 34, dir.resolve("c2.wav"));
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", aliceScript, RATE, false);
         BaresipDevice bob = gw.phone(dir, "bob", "builder", "PCMA", bobScript, RATE, true);
         BaresipDevice carol = gw.phone(dir, "carol", "carrots", "PCMU", carolScript, RATE, true);
         BaresipDevice dave = gw.phone(dir, "dave", "diver", "PCMA", SpeechScript.script(dir, "dave", 3), RATE, true)) {
      long start = System.nanoTime();
      alice.command("dial", "102");
      assertTrue(GatewayUnderTest.eventually(10, () -> legs() == 2), "alice and bob bridged");
      String callId = calls().getJsonObject(0).getString("id");

      ApiClient.Answer added = api.post("/api/v1/calls/" + callId + "/legs", "{\"target\":\"carol\"}");
      assertEquals(201, added.status(), added.toString());
      System.out.printf("three-way: carol joined %.1f s after alice dialled%n", (System.nanoTime() - start) / 1e9);
      assertEquals(3, legs());
      assertEquals(404, api.post("/api/v1/calls/" + callId + "/legs", "{\"target\":\"999\"}").status());

      waitUntil(start, 21); // c1 is over; a2 not yet begun
      String bobLeg = legOf(callId, "bob");
      ApiClient.Answer dropped = api.delete("/api/v1/calls/" + callId + "/legs/" + bobLeg);
      assertEquals(200, dropped.status(), dropped.toString());
      assertTrue(GatewayUnderTest.eventually(10, () -> legs() == 2), "alice and carol still connected");
      // a fourth party hangs up by itself (its 3 s script ends: a BYE), one of three: the other two go on
      ApiClient.Answer daveAdded = api.post("/api/v1/calls/" + callId + "/legs", "{\"target\":\"dave\"}");
      assertEquals(201, daveAdded.status(), daveAdded.toString());
      assertTrue(GatewayUnderTest.eventually(10, () -> legs() == 2 && dave.logText().contains("BYE sip:")),
          "dave's BYE left alice and carol connected:\n" + dave.logText());
      assertEquals(callId, calls().getJsonObject(0).getString("id"));
      assertTrue(GatewayUnderTest.eventually(40, () -> gw.activeCalls() == 0), "alice's hang-up ended the call");
      short[][] heard = hangUpAndHear(alice, bob, carol);
      short[] aliceHeard = heard[0];
      short[] bobHeard = heard[1];
      short[] carolHeard = heard[2];
      check("three-way: alice hears bob + carol", SpeechScript.heardMixOf(aliceHeard, b1, c1), true);
      check("three-way: bob hears alice + carol", SpeechScript.heardMixOf(bobHeard, a1, c1), true);
      check("three-way: carol hears alice + bob", SpeechScript.heardMixOf(carolHeard, a1, b1), true);
      check("three-way: carol does not hear herself", SpeechScript.heardMixOf(carolHeard, c1, c2), false);
      check("three-way after bob was dropped: carol hears alice", SpeechScript.heardMixOf(carolHeard, a2), true);
      check("three-way after bob was dropped: alice hears carol", SpeechScript.heardMixOf(aliceHeard, c2), true);
    }
  }

  private static JsonArray calls() {
    try {
      return api.get("/api/v1/calls").array();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The SIP legs of the one active call (0 when there is none). */
  private static int legs() {
    JsonArray calls = calls();
    return calls.isEmpty() ? 0 : calls.getJsonObject(0).getJsonArray("legs").size();
  }

  private static String legOf(String callId, String peer) throws Exception {
    for (Object l : api.get("/api/v1/calls/" + callId).object().getJsonArray("legs")) {
      JsonObject leg = (JsonObject) l;
      if (peer.equals(leg.getString("peer"))) {
        return leg.getString("id");
      }
    }
    throw new AssertionError("no leg of " + peer + " in " + api.get("/api/v1/calls/" + callId).body());
  }
}
