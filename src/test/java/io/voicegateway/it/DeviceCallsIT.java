package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls placed by registered phones (baresip, digest-authenticated on their INVITE): out through a trunk
 * (a SIPp UAS that challenges with 407 and checks the rewritten number), and extension to extension
 * without any trunk. Audio is checked on both.
 */
class DeviceCallsIT {
  private static final int COMPARE_RATE = 8000;
  private static GatewayFixture gw;
  private static int trunkPort;

  @BeforeAll
  static void start() throws Exception {
    trunkPort = FreePorts.udpAndTcp();
    gw = GatewayFixture.start("  jitter_buffer_ms: 40\n  keepalive_interval: 1h", String.join("\n",
        "providers:",
        "  - id: carrier",
        "    host: 127.0.0.1",
        "    port: " + trunkPort,
        "    username: trunkuser",
        "    password: trunkpass",
        "    codecs: [g711-alaw]",
        "devices:",
        "  - id: alice",
        "    password: wonderland",
        "    extension: \"101\"",
        "  - id: bob",
        "    password: builder",
        "    extension: \"102\"",
        "routes:",
        "  - direction: outbound",
        "    match: \"0*\"",
        "    provider: carrier",
        "    strip: 1",
        "    prepend: \"+49\""));
  }

  @AfterAll
  static void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  /** 30 s of silence at 8 kHz: a phone that only listens, so what it hears can only be the other side. */
  private static Path silence(Path dir) throws Exception {
    Path silence = dir.resolve("silence.wav");
    Tools.run("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", silence.toString(), "trim", "0", "30");
    return silence;
  }

  /**
   * The samples from {@code leadMs} before speech starts: the first 20 ms frame of five in a row louder than
   * -40 dBFS (a click as a leg joins is shorter than that and does not count). {@link AudioMatch#align}
   * searches only for received audio that lags what was sent, so the received side gets the longer lead.
   */
  private static short[] fromOnset(short[] pcm, int leadMs) {
    int frame = COMPARE_RATE / 50;
    int loudInARow = 0;
    for (int start = 0; start + frame <= pcm.length; start += frame) {
      double energy = 0;
      for (int i = start; i < start + frame; i++) {
        energy += (double) pcm[i] * pcm[i];
      }
      loudInARow = Math.sqrt(energy / frame) > 327 ? loudInARow + 1 : 0;
      if (loudInARow == 5) {
        int onset = start - 4 * frame;
        return java.util.Arrays.copyOfRange(pcm, Math.max(0, onset - COMPARE_RATE * leadMs / 1000), pcm.length);
      }
    }
    return pcm;
  }

  @Test
  void aPhoneDialsOutThroughTheTrunkWithDigestAndTheNumberRewritten(@TempDir Path dir) throws Exception {
    Path speech = SpeechFixture.speech(dir, 48000);
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "opus/48000/2", speech, 48000, false)) {
      SippRunner.Running trunk = SippRunner.scenario("trunk_uas_407.xml")
          .args("-p", Integer.toString(trunkPort), "-rtp_echo", "-mp", Integer.toString(FreePorts.block(4)))
          .timeoutSeconds(60).start(null, 1, 1, 1);
      Thread.sleep(500); // SIPp binds its port
      alice.command("dial", "0301234567");
      SippRunner.Result result = trunk.await();
      assertEquals(1, result.successful(), "trunk saw +49301234567, the 407 answered, then our BYE: " + result);
      alice.close();
      assertTrue(alice.logText().contains("SIP/2.0 407"),
          "the gateway challenged alice's INVITE");
      AudioMatch.Result match = AudioMatch.align(AudioMatch.read(alice.sent(), COMPARE_RATE),
          AudioMatch.read(alice.heard(), COMPARE_RATE), COMPARE_RATE, 500, 600);
      System.out.println("phone Opus -> trunk PCMA, echoed back: " + match);
      assertTrue(match.windows().size() >= 6, "too little speech came back: " + match);
      assertTrue(match.medianCorrelation() >= 0.75, "audio through both legs: " + match);
    }
  }

  @Test
  void extensionCallsExtensionWithoutATrunk(@TempDir Path dir) throws Exception {
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", silence(dir), 8000, false);
         BaresipDevice bob = gw.phone(dir, "bob", "builder", "G722", SpeechFixture.speech(dir, 16000), 16000, true)) {
      alice.command("dial", "102");
      // bob answers and plays his speech; alice hears it; bob hangs up when it ends.
      boolean ended = GatewayUnderTest.eventually(40, () -> bob.logText().contains("BYE sip:")
          || alice.logText().contains("BYE sip:"));
      alice.close();
      bob.close();
      assertTrue(ended, "the call ended:\n" + alice.logText());
      Thread.sleep(500);
      alice.close();
      bob.close();
      AudioMatch.Result match = AudioMatch.align(fromOnset(AudioMatch.read(bob.sent(), COMPARE_RATE), 20),
          fromOnset(AudioMatch.read(alice.heard(), COMPARE_RATE), 300), COMPARE_RATE, 500, 600);
      System.out.println("extension G.722 -> extension PCMU: " + match);
      assertTrue(match.windows().size() >= 6, "too little speech arrived: " + match);
      assertTrue(match.medianCorrelation() >= 0.8, "bob's speech at alice: " + match);
    }
  }

  @Test
  void clickToCallRingsThePhoneThenDialsTheNumberAsThePhone(@TempDir Path dir) throws Exception {
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", silence(dir), 8000, true);
         BaresipDevice bob = gw.phone(dir, "bob", "builder", "PCMA", SpeechFixture.speech(dir, 8000), 8000, true)) {
      String callId = gw.gateway().sip().uac().originateFromDevice("alice", "102", java.util.Map.of())
          .await(20, TimeUnit.SECONDS);
      assertNotNull(callId);
      // alice answered first; then bob was dialled as alice would, answered and played his speech to her
      assertTrue(GatewayUnderTest.eventually(40, () -> bob.logText().contains("BYE sip:")
          || alice.logText().contains("BYE sip:")), "the call ended");
      Thread.sleep(500);
      alice.close();
      bob.close();
      assertTrue(bob.logText().contains("From: <sip:alice@"), "bob saw alice as the caller");
      // alice's recording starts when she answers, bob's speech seconds later: compare from the speech onset
      AudioMatch.Result match = AudioMatch.align(fromOnset(AudioMatch.read(bob.sent(), COMPARE_RATE), 20),
          fromOnset(AudioMatch.read(alice.heard(), COMPARE_RATE), 300), COMPARE_RATE, 500, 600);
      System.out.println("click-to-call alice -> 102: " + match);
      assertTrue(match.windows().size() >= 6, "too little speech arrived: " + match);
      assertTrue(match.medianCorrelation() >= 0.8, "bob's speech at alice: " + match);
    }
  }
}
