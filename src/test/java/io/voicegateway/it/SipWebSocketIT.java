package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.DeviceQueries;
import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.peers.JsSipPhone;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.HeadlessChromium;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP over WebSocket (RFC 7118) with JsSIP 3.13 in headless Chromium: it registers through the ws listening point
 * and is reached back over its own connection (the OPTIONS qualify); it calls a baresip desk phone with a WebRTC
 * offer (DTLS-SRTP, Opus) that the gateway answers through its WebRTC media side, and the audio of both ways is
 * correlated with what each side sent.
 */
class SipWebSocketIT {
  private static final int COMPARE_RATE = 8000;
  /**
   * Chromium's adaptive jitter buffer (NetEq) shifts the browser's playout by up to a few hundred ms while it adapts,
   * and stretches or squeezes speech to do so: the lag searched per window is wider than between two baresips.
   */
  private static final int BROWSER_MAX_LAG_MS = 1500;
  private static GatewayFixture gw;
  private static int wsPort;

  @BeforeAll
  static void start() throws Exception {
    wsPort = FreePorts.udpAndTcp();
    gw = GatewayFixture.start(String.join("\n",
        "  sip_transport: [udp, tcp, ws]",
        "  keepalive_interval: 1s",
        "  sip_ws_port: " + wsPort), GatewayFixture.ALICE_AND_BOB);
  }

  @AfterAll
  static void stop() throws Exception {
    if (gw != null) {
      gw.close();
    }
  }

  @Test
  void jssipCallsADeskPhoneAndTheAudioFlowsBothWays(@TempDir Path dir) throws Exception {
    Path browserSpeech = SpeechFixture.speech(dir, 48000);
    Path bobSpeech = otherSpeech(dir);
    try (JsSipPhone phone = JsSipPhone.open(browserSpeech);
         BaresipDevice bob = gw.phone(dir, "bob", "builder", "PCMU", bobSpeech, COMPARE_RATE, true)) {
      phone.register(wsUrl(), "sip:alice@127.0.0.1", "wonderland");
      HeadlessChromium.eventually(15, "alice registered over ws", () -> field(phone, "registered", true));
      phone.call("sip:102@127.0.0.1");
      // bob answers at once, plays his speech and hangs up when it ends
      String outcome;
      try {
        HeadlessChromium.eventually(20, "the call answered", () -> field(phone, "callState", "confirmed"));
        outcome = HeadlessChromium.eventually(40, "the call ended", () -> {
          String state = text(phone, "callState");
          return "ended".equals(state) || "failed".equals(state) ? state : null;
        });
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; page: " + phone.state() + "\nbob:\n" + bob.logText(), e);
      }
      assertEquals("ended", outcome, phone.state().toString());
      byte[] heardByBrowser = phone.recording();
      System.out.println("browser RTP stats: " + phone.state().path("stats"));
      bob.close();

      AudioMatch.Result toBob = AudioMatch.align(
          AudioMatch.fromOnset(AudioMatch.read(browserSpeech, COMPARE_RATE), COMPARE_RATE, 20),
          AudioMatch.fromOnset(AudioMatch.read(bob.heard(), COMPARE_RATE), COMPARE_RATE, 300),
          COMPARE_RATE, 500, 600);
      System.out.println("JsSIP Opus/DTLS-SRTP -> baresip PCMU: " + toBob);
      assertTrue(toBob.windows().size() >= 6, "too little speech reached bob: " + toBob);
      assertTrue(toBob.medianCorrelation() >= 0.8, "the browser's speech at bob: " + toBob);

      short[] browserPcm = AudioMatch.resample(pcm(heardByBrowser), 48000, COMPARE_RATE);
      AudioMatch.Result toBrowser = AudioMatch.align(
          AudioMatch.fromOnset(AudioMatch.read(bob.sent(), COMPARE_RATE), COMPARE_RATE, 20),
          AudioMatch.fromOnset(browserPcm, COMPARE_RATE, 300), COMPARE_RATE, 500, BROWSER_MAX_LAG_MS);
      System.out.println("baresip PCMU -> JsSIP Opus/DTLS-SRTP: " + toBrowser);
      assertTrue(toBrowser.windows().size() >= 6, "too little speech reached the browser: " + toBrowser);
      assertTrue(toBrowser.medianCorrelation() >= 0.8, "bob's speech in the browser: " + toBrowser);
    }
  }

  /**
   * Speech unlike the browser's, so that neither side can pass by hearing itself, with 6 s of silence after it: bob
   * hangs up when his file ends, and the browser's longer speech must have reached him whole by then.
   */
  private static Path otherSpeech(Path dir) throws Exception {
    Path raw = dir.resolve("bob-raw.wav");
    Path out = dir.resolve("bob-8000.wav");
    Tools.run("espeak-ng", "-v", "en", "-s", "150", "-w", raw.toString(),
        "This is Bob on his desk phone. Seven, eight, nine, ten. The weather is sunny and warm today.");
    Tools.run("sox", raw.toString(), "-r", "8000", "-c", "1", "-b", "16", out.toString(), "pad", "0.5", "6",
        "gain", "-n", "-3");
    return out;
  }

  private static short[] pcm(byte[] littleEndian) {
    short[] out = new short[littleEndian.length / 2];
    ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
    return out;
  }

  private static Boolean field(JsSipPhone phone, String name, Object wanted) {
    return String.valueOf(wanted).equals(text(phone, name)) ? Boolean.TRUE : null;
  }

  private static String text(JsSipPhone phone, String name) {
    try {
      return phone.state().path(name).asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<DeviceQueries.Qualified> qualified(String device) {
    DeviceQueries.QualifyStatuses all = gw.ask(Addresses.DEVICE_QUALIFY, new DeviceQueries.QualifyQuery());
    return all.bindings().stream().filter(s -> s.binding().deviceId().equals(device)).findFirst();
  }

  private static String wsUrl() {
    return "ws://127.0.0.1:" + wsPort;
  }

  @Test
  void jssipRegistersOverWebSocketAndIsBoundAtItsConnection() throws Exception {
    try (JsSipPhone phone = JsSipPhone.open(null)) {
      phone.register(wsUrl(), "sip:alice@127.0.0.1", "wonderland");
      assertTrue(GatewayUnderTest.eventually(15, () -> {
        try {
          return phone.state().path("registered").asBoolean();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }), "registered; page: " + phone.state() + "\nconsole:\n" + phone.console());
      List<DeviceQueries.Binding> bound = gw.contactsOf("alice");
      assertEquals(1, bound.size(), "one binding (the other test's phone un-registered on close): " + bound);
      DeviceQueries.Binding b = bound.get(0);
      // JsSIP's Contact host is made up (….invalid); requests to it must take the device's own connection
      assertTrue(b.contact().contains("transport=ws"), b.contact());
      assertTrue(b.source().startsWith("127.0.0.1:") && b.source().endsWith("/ws"), b.source());
      // the gateway reaches the phone back over its own connection: JsSIP answers the OPTIONS qualify
      DeviceQueries.Qualified up;
      try {
        up = HeadlessChromium.eventually(15, "alice qualified over ws",
            () -> qualified("alice").filter(q -> q.rttMs() >= 0).orElse(null));
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; page: " + phone.state() + "\nconsole:\n" + phone.console(), e);
      }
      assertTrue(up.reachable(), up.toString());

      // the connection drops without an un-REGISTER: the binding over it goes at once (nothing can reach the phone
      // over it again), not when it expires; JsSIP's new connection registers anew
      phone.dropConnection();
      assertTrue(GatewayUnderTest.eventually(20, () -> {
        List<DeviceQueries.Binding> now = gw.contactsOf("alice");
        return now.size() == 1 && !now.get(0).source().equals(b.source());
      }), () -> "only the new connection's binding left: " + gw.contactsOf("alice") + " (was " + b.source() + ")");
    }
  }
}
