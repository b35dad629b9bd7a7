package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.peers.JsSipCalls;
import io.voicegateway.it.peers.JsSipPhone;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.HeadlessChromium;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls <em>to</em> a JsSIP phone (3.13, headless Chromium) registered over SIP over WebSocket: the gateway's INVITE
 * carries its own WebRTC offer (DTLS-SRTP, ICE-lite, {@code a=setup:actpass}), JsSIP answers by itself, and the audio
 * of both ways is correlated with what each side sent. The caller is bob, a baresip desk phone (PCMU), dialling
 * alice's extension; in the second test alice also has a baresip desk phone that rings in parallel and is
 * cancelled when the browser answers. After each call every RTP port is back in the pool.
 */
class JsSipIncomingIT {
  private static GatewayFixture gw;
  private static int wsPort;

  @BeforeAll
  static void start() throws Exception {
    wsPort = FreePorts.udpAndTcp();
    gw = GatewayFixture.start(String.join("\n",
        "  sip_transport: [udp, tcp, ws]",
        "  keepalive_interval: 1h",
        "  sip_ws_port: " + wsPort), GatewayFixture.ALICE_AND_BOB);
  }

  @AfterAll
  static void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  @Test
  void bobCallsTheJsSipPhoneWhichAnswersTheGatewaysWebRtcOffer(@TempDir Path dir) throws Exception {
    Path browserSpeech = SpeechFixture.speech(dir, 48000);
    Path bobSpeech = bobSpeech(dir);
    try (JsSipPhone alice = registeredAlice(browserSpeech);
         BaresipDevice bob = gw.phone(dir, "bob", "builder", "PCMU", bobSpeech, JsSipCalls.COMPARE_RATE, true)) {
      bob.command("dial", "101");
      JsSipCalls.awaitAnsweredThenEnded(alice, bob);
      checkOffer(alice);
      JsSipCalls.assertAudioBothWays(alice, bob, browserSpeech, 0.9);
    }
    gw.assertAllPortsBack("after the call to the JsSIP phone");
  }

  @Test
  void theJsSipPhoneAndADeskPhoneRingTogetherTheBrowserAnswers(@TempDir Path dir) throws Exception {
    Path browserSpeech = SpeechFixture.speech(dir, 48000);
    Path bobSpeech = bobSpeech(dir);
    try (JsSipPhone alice = registeredAlice(browserSpeech);
         BaresipDevice desk = gw.phone(dir.resolve("desk"), "alice", "wonderland", "PCMU",
             SpeechFixture.speech(dir, 8000), JsSipCalls.COMPARE_RATE, false);
         BaresipDevice bob = gw.phone(dir, "bob", "builder", "PCMU", bobSpeech, JsSipCalls.COMPARE_RATE, true)) {
      assertEquals(2, gw.contactsOf("alice").size(), "alice's browser and desk phone: " + gw.contactsOf("alice"));
      bob.command("dial", "101");
      assertTrue(GatewayUnderTest.eventually(20, () -> {
        String log = desk.logText();
        int invite = log.indexOf("INVITE sip:");
        return invite >= 0 && log.indexOf("CANCEL sip:", invite) > 0;
      }), "the desk phone rang, then got CANCEL:\n" + desk.logText());
      JsSipCalls.awaitAnsweredThenEnded(alice, bob);
      JsSipCalls.assertAudioBothWays(alice, bob, browserSpeech, 0.9);
    }
    gw.assertAllPortsBack("after the forked call");
  }

  /**
   * Bob, the caller, plays from the 200 on while the browser's ICE and DTLS may still be coming up: his speech
   * starts after 3 s of silence so none of it is lost to the handshake.
   */
  private static Path bobSpeech(Path dir) throws Exception {
    return SpeechFixture.otherSpeech(dir, "3");
  }

  /** JsSIP as alice over ws, answering every call at once with its speech. */
  private static JsSipPhone registeredAlice(Path speech) throws Exception {
    JsSipPhone phone = JsSipPhone.open(speech);
    try {
      phone.autoAnswer();
      phone.register(wsUrl(), "sip:alice@127.0.0.1", "wonderland");
      HeadlessChromium.eventually(15, "alice registered over ws", () -> phone.fieldIs("registered", "true"));
      return phone;
    } catch (Exception | AssertionError e) {
      phone.close();
      throw e;
    }
  }

  /** What the gateway offered and the browser answered: the roles the DTLS server needs, Opus chosen. */
  private static void checkOffer(JsSipPhone alice) throws Exception {
    String offer = alice.field("offer");
    String answer = alice.field("answer");
    System.out.println("the gateway's offer to JsSIP:\n" + offer + "JsSIP's answer:\n" + answer);
    for (String line : new String[] {"a=ice-lite", "UDP/TLS/RTP/SAVPF 111 0 8", "a=setup:actpass", "a=rtcp-mux",
        "a=group:BUNDLE 0", "a=mid:0", "a=fingerprint:sha-256 ", "useinbandfec=1", "typ host"}) {
      assertTrue(offer.contains(line), "the offer has " + line + ":\n" + offer);
    }
    assertTrue(answer.contains("a=setup:active"), "the browser is the DTLS client:\n" + answer);
    assertTrue(answer.contains("m=audio 9 UDP/TLS/RTP/SAVPF 111"), "the browser picked Opus:\n" + answer);
  }

  private static String wsUrl() {
    return "ws://127.0.0.1:" + wsPort;
  }
}
