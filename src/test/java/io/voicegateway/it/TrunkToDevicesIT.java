package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.peers.RawUdpPhone;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The B2BUA between a trunk (SIPp, from 127.0.0.1, which the config names the carrier's address) and desk
 * phones (baresip processes registered with digest auth): parallel ringing with CANCEL of the loser,
 * audio end to end with PCMA on the trunk leg and Opus on the phone leg, hold and BYE from each side,
 * the caller's CANCEL during forking (held back until the rung phone's first response, RFC 3261 §9.1),
 * and the ring timeout to {@code on_no_answer}.
 *
 * <p>Audio: SIPp runs with {@code -rtp_echo}, returning every RTP packet to the gateway, so the phone hears
 * its own speech after it crossed both legs, both codecs and the mixer twice; its dumps of what it sent
 * and heard are compared by cross-correlation.
 */
class TrunkToDevicesIT {
  private static final int COMPARE_RATE = 8000;
  private static GatewayFixture gw;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start("  jitter_buffer_ms: 40\n  keepalive_interval: 1h", String.join("\n",
        "providers:",
        "  - id: carrier",
        "    host: 127.0.0.1",
        "    port: 5999",
        "    codecs: [g711-alaw]",
        "    inbound_ips: [127.0.0.1]",
        GatewayFixture.ALICE_AND_BOB,
        "  - id: carol",
        "    password: cat",
        "    extension: \"103\"",
        "routes:",
        "  - direction: inbound",
        "    match: \"+4930123*\"",
        "    ring: [alice, bob]",
        "    ring_timeout: 20s",
        "  - direction: inbound",
        "    match: \"+4930999\"",
        "    ring: [bob]",
        "    ring_timeout: 3s",
        "    on_no_answer: { app: echo }",
        "  - direction: inbound",
        "    match: \"+4930777\"",
        "    ring: [carol]",
        "    ring_timeout: 20s"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  private static SippRunner trunk(String scenario, String number, long pauseMs) {
    return SippRunner.scenario(scenario).args("-s", number, "-d", Long.toString(pauseMs), "-rtp_echo",
        "-mp", Integer.toString(FreePorts.block(4))).timeoutSeconds(60);
  }

  /** The speech with {@code seconds} of silence after it: baresip hangs up when its source file ends. */
  private static Path speech(Path dir, int rate, int seconds) throws Exception {
    Path speech = SpeechFixture.speech(dir, rate);
    Path padded = dir.resolve("speech-" + rate + "-pad" + seconds + ".wav");
    Tools.run("sox", speech.toString(), padded.toString(), "pad", "0", Integer.toString(seconds));
    return padded;
  }

  /** The phone got an INVITE, and later a CANCEL (its SIP trace lists received requests in order). */
  private static boolean cancelledAfterRinging(String log) {
    int invite = log.indexOf("INVITE sip:");
    return invite >= 0 && log.indexOf("CANCEL sip:", invite) > 0;
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void forkedCallIsAnsweredByOnePhoneTheOtherIsCancelledAndAudioCrossesPcmaToOpus(@TempDir Path dir)
      throws Exception {
    Path speech = SpeechFixture.speech(dir, 48000);
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "opus/48000/2", speech, 48000, true);
         BaresipDevice bob = gw.phone(dir, "bob", "builder", "PCMU", speech, 8000, false)) {
      // alice answers, talks until her speech ends and hangs up: the gateway's BYE reaches the trunk.
      SippRunner.Result trunk = trunk("trunk_uac_wait_bye.xml", "+4930123456", 0).run(gw.target(), 1, 1, 1);
      assertEquals(1, trunk.successful(), "trunk call: " + trunk);
      alice.close();
      bob.close();

      assertTrue(cancelledAfterRinging(bob.logText()), "bob's ringing leg got CANCEL:\n" + bob.logText());
      assertTrue(alice.logText().contains("a=rtpmap:111 opus/48000/2"), "alice was offered Opus");
      short[] sent = AudioMatch.read(alice.sent(), COMPARE_RATE);
      short[] heard = AudioMatch.read(alice.heard(), COMPARE_RATE);
      AudioMatch.Result match = AudioMatch.align(sent, heard, COMPARE_RATE, 500, 600);
      System.out.println("trunk PCMA <-> phone Opus, echoed by the trunk: " + match);
      assertTrue(match.windows().size() >= 6, "too little speech came back: " + match);
      assertTrue(match.medianCorrelation() >= 0.75, "audio through both legs: " + match);
    }
  }

  @Test
  void holdFromTheTrunkReachesThePhoneAndTheTrunkHangsUp(@TempDir Path dir) throws Exception {
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", speech(dir, 8000, 30), 8000, true)) {
      SippRunner.Result trunk = trunk("trunk_uac_hold.xml", "+4930123456", 1000).run(gw.target(), 1, 1, 1);
      assertEquals(1, trunk.successful(), "trunk hold/resume/BYE: " + trunk);
      assertTrue(GatewayUnderTest.eventually(10, () -> gw.activeCalls() == 0), "call ended");
      alice.close();
      String log = alice.logText();
      int sendonly = log.indexOf("a=sendonly");
      assertTrue(sendonly > 0, "alice was held (a=sendonly):\n" + log);
      assertTrue(log.indexOf("a=sendrecv", sendonly) > 0, "then resumed (a=sendrecv)");
      assertTrue(log.contains("BYE sip:"), "the trunk's BYE reached alice");
    }
  }

  @Test
  void holdFromThePhoneReachesTheTrunkAndThePhoneHangsUp(@TempDir Path dir) throws Exception {
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", speech(dir, 8000, 30), 8000, true)) {
      SippRunner.Running trunk = trunk("trunk_uac_remote_hold.xml", "+4930123456", 500).start(gw.target(), 1, 1, 1);
      assertTrue(GatewayUnderTest.eventually(15, () -> gw.activeCalls() == 1), "call up");
      // baresip holds an established call only (the gateway's ACK has reached it) ...
      assertTrue(GatewayUnderTest.eventually(20, () -> alice.logText().contains("Call established")),
          "alice's call is established:\n" + alice.logText());
      alice.command("hold", "");
      // ... and resumes once its hold re-INVITE is done: answered through the trunk, and ACKed
      assertTrue(GatewayUnderTest.eventually(20, () -> holdAcked(alice.logText())),
          "alice's hold re-INVITE was answered and ACKed:\n" + alice.logText());
      alice.command("resume", "");
      SippRunner.Result result = trunk.await();
      assertEquals(1, result.successful(), "the trunk saw sendonly then sendrecv: " + result);
    }
  }

  @Test
  void callerCancelDuringForkingCancelsEveryPhone(@TempDir Path dir) throws Exception {
    Path speech = SpeechFixture.speech(dir, 8000);
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", speech, 8000, false);
         BaresipDevice bob = gw.phone(dir, "bob", "builder", "PCMU", speech, 8000, false)) {
      SippRunner.Result trunk = SippRunner.scenario("uac_cancel.xml").args("-s", "+4930123456")
          .timeoutSeconds(30).run(gw.target(), 1, 1, 1);
      assertEquals(1, trunk.successful(), "CANCEL answered 200, INVITE 487: " + trunk);
      for (BaresipDevice phone : new BaresipDevice[] {alice, bob}) {
        assertTrue(GatewayUnderTest.eventually(10, () -> cancelledAfterRinging(phone.logText())),
            "the phone rang, then got CANCEL:\n" + phone.logText());
      }
      assertTrue(GatewayUnderTest.eventually(10, () -> gw.activeCalls() == 0), "call gone");
    }
  }

  @Test
  void cancelWaitsForTheRungPhonesFirstResponse() throws Exception {
    int port = FreePorts.udpAndTcp();
    SippRunner.Result registered = SippRunner.scenario("device_register.xml")
        .args("-p", Integer.toString(port), "-s", "carol", "-au", "carol", "-ap", "cat").run(gw.target(), 1, 1, 1);
    assertEquals(1, registered.successful(), "carol registers: " + registered);
    try (RawUdpPhone carol = new RawUdpPhone(port)) {
      // The trunk CANCELs 2 s after the gateway's 100, while carol has not answered the INVITE at all.
      SippRunner.Running trunk = SippRunner.scenario("uac_cancel_silent_callee.xml")
          .args("-s", "+4930777", "-d", "2000").timeoutSeconds(30).start(gw.target(), 1, 1, 1);
      String invite = carol.receive(10_000);
      assertTrue(invite != null && invite.startsWith("INVITE "), "carol is rung: " + invite);
      SippRunner.Result cancelled = trunk.await();
      assertEquals(1, cancelled.successful(), "the trunk's CANCEL: 200, then 487: " + cancelled);

      // RFC 3261 §9.1: no CANCEL before a provisional response; only INVITE retransmissions meanwhile.
      for (String request : carol.drain(1000)) {
        assertEquals("INVITE", RawUdpPhone.method(request), "before carol's 180:\n" + request);
      }
      carol.respond(invite, 180, "Ringing", "carol1");
      String cancel = carol.receive(5000);
      while (cancel != null && cancel.startsWith("INVITE ")) {
        cancel = carol.receive(5000); // a retransmission that crossed the 180
      }
      assertTrue(cancel != null && cancel.startsWith("CANCEL "), "the CANCEL follows carol's 180: " + cancel);
      carol.respond(cancel, 200, "OK", "carol1");
      carol.respond(invite, 487, "Request Terminated", "carol1");
      String ack = carol.receive(5000);
      assertTrue(ack != null && ack.startsWith("ACK "), "the gateway ACKs the 487: " + ack);
    }
    assertTrue(GatewayUnderTest.eventually(10, () -> gw.activeCalls() == 0), "call gone");
  }

  @Test
  void ringTimeoutSendsTheCallToOnNoAnswer(@TempDir Path dir) throws Exception {
    try (BaresipDevice bob = gw.phone(dir, "bob", "builder", "PCMU", SpeechFixture.speech(dir, 8000), 8000, false)) {
      // bob never answers: after 3 s the route's on_no_answer (the echo app) answers the trunk.
      SippRunner.Result trunk = trunk("trunk_uac_call.xml", "+4930999", 2000).run(gw.target(), 1, 1, 1);
      assertEquals(1, trunk.successful(), "answered by on_no_answer: " + trunk);
      assertTrue(GatewayUnderTest.eventually(10, () -> bob.logText().contains("CANCEL sip:")),
          "bob stopped ringing:\n" + bob.logText());
      assertEquals(1, count(bob.logText(), "^INVITE sip:"), "bob was rung once");
    }
  }

  @Test
  void everyPhoneDecliningGivesTheTrunkBusy(@TempDir Path dir) throws Exception {
    Path speech = SpeechFixture.speech(dir, 8000);
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", speech, 8000, false);
         BaresipDevice bob = gw.phone(dir, "bob", "builder", "PCMU", speech, 8000, false)) {
      SippRunner.Running trunk = trunk("trunk_uac_busy.xml", "+4930123456", 0).start(gw.target(), 1, 1, 1);
      // "Incoming call": baresip has made the call it can decline
      assertTrue(GatewayUnderTest.eventually(15, () -> alice.logText().contains("Incoming call from")
          && bob.logText().contains("Incoming call from")), "both phones ring");
      alice.command("hangup", "");
      bob.command("hangup", "");
      SippRunner.Result result = trunk.await();
      assertEquals(1, result.successful(), "the trunk got 486: " + result);
    }
  }

  /** The phone's re-INVITE with a=sendonly, then a 200 to it and the phone's ACK, in its SIP trace. */
  private static boolean holdAcked(String log) {
    int hold = log.indexOf("a=sendonly");
    int ok = hold < 0 ? -1 : log.indexOf("SIP/2.0 200 OK", hold);
    return ok >= 0 && log.indexOf("ACK sip:", ok) >= 0;
  }
}
