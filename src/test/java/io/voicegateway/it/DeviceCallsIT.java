package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippPcap;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls placed by registered phones (baresip, digest-authenticated on their INVITE): out through a trunk
 * (a SIPp UAS that challenges with 407 and checks the rewritten number), and extension to extension
 * without any trunk; a trunk's early media (an announcement with no answer, a ringback before one). Audio
 * is checked on all of them.
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
        GatewayFixture.ALICE_AND_BOB,
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

  static short[] fromOnset(short[] pcm, int leadMs) {
    return AudioMatch.fromOnset(pcm, COMPARE_RATE, leadMs);
  }

  @Test
  void aPhoneDialsOutThroughTheTrunkWithDigestAndTheNumberRewritten(@TempDir Path dir) throws Exception {
    Path speech = SpeechFixture.speech(dir, 48000);
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "opus/48000/2", speech, 48000, false)) {
      SippRunner.Running trunk = SippRunner.scenario("trunk_uas_407.xml")
          .args("-p", Integer.toString(trunkPort), "-rtp_echo", "-mp", Integer.toString(FreePorts.block(4)))
          .timeoutSeconds(60).start(null, 1, 1, 1);
      assertTrue(GatewayUnderTest.eventually(10, () -> FreePorts.udpTaken(trunkPort)), "the trunk listens");
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

  /** A SIPp trunk (UAS) on the provider's port running {@code scenario}, its pause {@code pauseMs}. */
  private static SippRunner.Running trunk(String scenario, long pauseMs) throws Exception {
    SippRunner.Running trunk = SippRunner.scenario(scenario).args("-p", Integer.toString(trunkPort),
        "-d", Long.toString(pauseMs), "-mp", Integer.toString(FreePorts.block(4))).timeoutSeconds(60)
        .start(null, 1, 1, 1);
    assertTrue(GatewayUnderTest.eventually(10, () -> FreePorts.udpTaken(trunkPort)), "the trunk listens");
    return trunk;
  }

  private static final Pattern MESSAGE_START = Pattern.compile("(?m)^(SIP/2\\.0 \\d{3} |[A-Z]+ sips?:)");

  /** The o= line of the SDP in the first INVITE response with {@code status} in the phone's SIP trace. */
  private static String originOf(String log, int status) {
    Matcher response = Pattern.compile("(?m)^SIP/2\\.0 " + status + " ").matcher(log);
    while (response.find()) {
      Matcher next = MESSAGE_START.matcher(log);
      String message = log.substring(response.start(), next.find(response.end()) ? next.start() : log.length());
      if (Pattern.compile("(?m)^CSeq: \\d+ INVITE").matcher(message).find()) {
        Matcher origin = Pattern.compile("(?m)^o=.*$").matcher(message);
        return origin.find() ? origin.group().trim() : null;
      }
    }
    return null;
  }

  /** What the phone heard against the first {@code playedMs} of SIPp's A-law speech, both from the onset. */
  private static AudioMatch.Result heardTheTrunksSpeech(BaresipDevice phone, int playedMs) throws Exception {
    short[] played = java.util.Arrays.copyOf(SippPcap.g711aSpeech(), COMPARE_RATE * playedMs / 1000);
    return AudioMatch.align(fromOnset(played, 20),
        fromOnset(AudioMatch.read(phone.heard(), COMPARE_RATE), 300), COMPARE_RATE, 500, 600);
  }

  @Test
  void anAnnouncementInEarlyMediaReachesThePhoneThoughTheCallIsNeverAnswered(@TempDir Path dir)
      throws Exception {
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", silence(dir), 8000, false)) {
      SippRunner.Running trunk = trunk("trunk_uas_announcement.xml", 5000);
      alice.command("dial", "0301234567");
      SippRunner.Result result = trunk.await();
      assertEquals(1, result.successful(), "the trunk sent 183 with SDP, its speech, then 480: " + result);
      assertTrue(GatewayUnderTest.eventually(10, () -> alice.logText().contains("SIP/2.0 480")),
          "the trunk's 480 reached alice:\n" + alice.logText());
      alice.close();
      String log = alice.logText();
      assertTrue(originOf(log, 183) != null && log.indexOf("SIP/2.0 183") < log.indexOf("SIP/2.0 480"),
          "alice got our 183 with an SDP answer before the 480:\n" + log);
      // alice only listens (silence), so all she heard came from the trunk, before any answer; the trunk
      // played 5 s of its speech before the 480
      AudioMatch.Result match = heardTheTrunksSpeech(alice, 4600);
      System.out.println("trunk announcement (PCMA early media) at the phone (PCMU): " + match);
      assertTrue(match.windows().size() >= 5, "too little of the announcement arrived: " + match);
      assertTrue(match.medianCorrelation() >= 0.9, "the announcement at alice: " + match);
    }
  }

  @Test
  void earlyMediaThenTheAnswerKeepsOneSdpAnswerAndTheAudioFlowing(@TempDir Path dir) throws Exception {
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", silence(dir), 8000, false)) {
      SippRunner.Running trunk = trunk("trunk_uas_early_then_answer.xml", 2000);
      alice.command("dial", "0301234567");
      assertTrue(GatewayUnderTest.eventually(15, () -> alice.logText().contains("SIP/2.0 200 OK")
          && gw.activeCalls() == 1), "the trunk answered after its early media:\n" + alice.logText());
      // the rest of the trunk's speech, now in the answered call: 2 s of early media and 6 s after the answer
      assertTrue(GatewayUnderTest.eventually(60, () -> alice.heardSeconds() >= 8),
          "alice heard 8 s of the call: " + alice.heardSeconds() + " s");
      alice.command("hangup", "");
      SippRunner.Result result = trunk.await();
      assertEquals(1, result.successful(), "the trunk: 183, 200, then alice's BYE: " + result);
      alice.close();
      String log = alice.logText();
      String early = originOf(log, 183);
      assertTrue(early != null, "alice got our 183 with an SDP answer:\n" + log);
      assertEquals(early, originOf(log, 200), "the 200 repeats the 183's answer (RFC 6337 §3.1)");
      AudioMatch.Result match = heardTheTrunksSpeech(alice, 7000);
      System.out.println("trunk early media, then answer, at the phone: " + match);
      assertTrue(match.windows().size() >= 8, "the speech before and after the answer arrived: " + match);
      assertTrue(match.medianCorrelation() >= 0.9, "the trunk's speech at alice: " + match);
    }
  }

}
