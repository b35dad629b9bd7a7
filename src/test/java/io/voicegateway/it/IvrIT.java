package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.apps.prompts.EspeakTts;
import io.voicegateway.apps.prompts.PromptAudio;
import io.voicegateway.apps.prompts.PromptLibrary;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.config.Prompt;
import io.voicegateway.config.PromptsConfig;
import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registered baresip phone (alice) calls an IVR and navigates it with RFC 4733 keys sent over its control
 * socket: it lets the first menu time out, presses an invalid key, goes one level down and asks for bob, a second
 * registered baresip that answers by itself. Call control hands the call from the IVR to bob inside the same call;
 * bob hears alice. What alice heard of the greeting is compared with the same text rendered by the same engine
 * (espeak-ng through the prompt library), and the path the IVR took comes from its IVR_STEP events.
 */
class IvrIT {
  private static final int RATE = 8000;
  private static final String GREETING = "Welcome to the voice gateway. For the people menu, press one.";

  @TempDir Path dir;

  @Test
  void twoLevelsWithTimeoutAndInvalidKeyThenTheIvrHandsTheCallToBob() throws Exception {
    try (GatewayFixture gw = GatewayFixture.start("", String.join("\n",
        GatewayFixture.ALICE_AND_BOB,
        "ivr:",
        "  main:",
        "    greeting: \"" + GREETING + "\"",
        "    timeout: 2s",
        "    timeout_prompt: \"Please make a choice.\"",
        "    invalid: \"That is not a valid choice.\"",
        "    options:",
        "      \"1\": {menu: people}",
        "  people:",
        "    greeting: \"Press two to talk to Bob. Press star to go back.\"",
        "    options:",
        "      \"2\": {ring: [bob]}",
        "      \"*\": back",
        "routes:",
        "  - {direction: inbound, match: \"500\", ivr: main, from: device}"))) {
      List<CallEvent> steps = new CopyOnWriteArrayList<>();
      MessageConsumer<CallEvent> consumer = gw.gateway().vertx().eventBus().consumer(Addresses.CALL_EVENTS, m -> {
        if (m.body().type() == CallEventType.IVR_STEP) {
          steps.add(m.body());
        }
      });
      Path talk = longSpeech(dir);
      try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", talk, RATE, true);
           BaresipDevice bob = gw.phone(dir, "bob", "builder", "PCMU", talk, RATE, true)) {
        alice.command("dial", gw.uri("500"));
        awaitStep(steps, "menu main", alice);
        awaitStep(steps, "timeout", alice); // the greeting played whole, then nothing was pressed
        alice.command("sndcode", "5");
        awaitStep(steps, "invalid key 5", alice);
        alice.command("sndcode", "1");
        awaitStep(steps, "menu people", alice);
        alice.command("sndcode", "2");
        awaitStep(steps, "connected", alice);

        String callId = steps.get(0).callId();
        long atConnect = packetsReceived(gw, callId);
        assertTrue(GatewayUnderTest.eventually(20, () -> packetsReceived(gw, callId) >= atConnect + 700),
            "alice and bob talk for a few seconds");
        alice.command("hangup", "");
        assertTrue(GatewayUnderTest.eventually(10, () -> gw.activeCalls() == 0), "the call ended");
        alice.close();
        bob.close();

        List<String> path = steps.stream().map(CallEvent::reason).toList();
        System.out.println("IVR path: " + path);
        assertEquals(List.of("menu main", "timeout", "invalid key 5", "key 1", "menu people", "key 2", "ring bob",
            "connected"), path);
        assertTrue(steps.stream().allMatch(s -> s.callId().equals(callId)));

        AudioMatch.Result greeting = greetingMatch(gw, AudioMatch.read(alice.heard(), RATE));
        System.out.println("greeting heard by alice vs espeak-ng rendering: " + greeting);
        assertTrue(greeting.windows().size() >= 4, "the greeting was heard: " + greeting);
        assertTrue(greeting.medianCorrelation() >= 0.9, "greeting: " + greeting);

        AudioMatch.Result bobHeard = tailMatch(AudioMatch.read(alice.sent(), RATE), AudioMatch.read(bob.heard(), RATE));
        System.out.println("alice -> bob after the hand-off: " + bobHeard);
        assertTrue(bobHeard.windows().size() >= 4, "bob heard speech: " + bobHeard);
        assertTrue(bobHeard.medianCorrelation() >= 0.9, "bob hears alice: " + bobHeard);
      } finally {
        consumer.unregister();
      }
    }
  }

  /** The speech fixture four times over: alice talks all through the call (baresip hangs up when it ends). */
  private static Path longSpeech(Path dir) throws Exception {
    Path speech = SpeechFixture.speech(dir, RATE);
    Path out = dir.resolve("talk.wav");
    Tools.run("sox", speech.toString(), speech.toString(), speech.toString(), speech.toString(), speech.toString(),
        speech.toString(), out.toString());
    return out;
  }

  private static void awaitStep(List<CallEvent> steps, String step, BaresipDevice caller) throws Exception {
    assertTrue(GatewayUnderTest.eventually(20, () -> steps.stream().anyMatch(s -> step.equals(s.reason()))),
        "IVR step '" + step + "'; steps so far " + steps.stream().map(CallEvent::reason).toList() + "\n"
            + caller.logText());
  }

  /** RTP packets every leg of the call received so far. */
  private static long packetsReceived(GatewayFixture gw, String callId) {
    try {
      Object reply = gw.gateway().vertx().eventBus().request(Addresses.MEDIA_STATS, callId)
          .await(5, TimeUnit.SECONDS).body();
      JsonArray legs = reply instanceof JsonArray a ? a : new JsonArray(reply.toString());
      return legs.stream().mapToLong(l -> ((JsonObject) l).getLong("packetsReceived", 0L)).sum();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no media stats", e);
    }
  }

  /**
   * The greeting as the same engine renders it (espeak-ng with the gateway's voice and speed, through a prompt
   * library of its own), against what alice heard from the first sound on.
   */
  private static AudioMatch.Result greetingMatch(GatewayFixture gw, short[] heard) throws Exception {
    PromptsConfig prompts = gw.gateway().config().prompts();
    PromptLibrary library = new PromptLibrary(new EspeakTts(prompts.voice(), prompts.speed()),
        Path.of(System.getProperty("java.io.tmpdir")).resolve("ivr-it-prompts-" + ProcessHandle.current().pid()),
        Path.of(""), Clock.systemUTC());
    PromptAudio audio = library.load(Prompt.text(GREETING));
    short[] rendered = new short[audio.length()];
    for (int i = 0; i < rendered.length; i++) {
      rendered[i] = (short) Math.max(-32768, Math.min(32767, Math.round(audio.sample(i) * 32767)));
    }
    short[] reference = AudioMatch.resample(rendered, PromptAudio.SAMPLE_RATE, RATE);
    int onset = onset(heard) - RATE / 20;
    int start = Math.max(0, onset);
    short[] window = Arrays.copyOfRange(heard, start, Math.min(heard.length, start + reference.length + RATE / 2));
    int lead = onset(reference);
    short[] trimmed = Arrays.copyOfRange(reference, lead, reference.length);
    return AudioMatch.align(trimmed, window, RATE, 500, 300);
  }

  /** Where sound starts: the first 10 ms above a quiet floor. */
  private static int onset(short[] pcm) {
    int step = RATE / 100;
    for (int i = 0; i + step <= pcm.length; i += step) {
      double sum = 0;
      for (int j = i; j < i + step; j++) {
        sum += (double) pcm[j] * pcm[j];
      }
      if (Math.sqrt(sum / step) > 300) {
        return i;
      }
    }
    throw new AssertionError("nothing but silence");
  }

  /**
   * Both recordings end when the call does, so bob's whole recording lines up with the end of alice's: alice's part
   * from bob's first second on (the last half second left out) is searched in bob's with lags up to 2 s, enough
   * for the network's delay and the moment between the two hang-ups.
   */
  private static AudioMatch.Result tailMatch(short[] sent, short[] heard) {
    int from = Math.max(0, sent.length - heard.length + RATE);
    short[] s = Arrays.copyOfRange(sent, from, Math.max(from, sent.length - RATE / 2));
    return AudioMatch.align(s, heard, RATE, 500, 2000);
  }
}
