package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.DeviceQueries;
import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.peers.JsSipCalls;
import io.voicegateway.it.peers.JsSipPhone;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.HeadlessChromium;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
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
    Path bobSpeech = SpeechFixture.otherSpeech(dir, "0.5");
    try (JsSipPhone phone = JsSipPhone.open(browserSpeech);
         BaresipDevice bob = gw.phone(dir, "bob", "builder", "PCMU", bobSpeech, JsSipCalls.COMPARE_RATE, true)) {
      phone.register(wsUrl(), "sip:alice@127.0.0.1", "wonderland");
      HeadlessChromium.eventually(15, "alice registered over ws", () -> phone.fieldIs("registered", "true"));
      phone.call("sip:102@127.0.0.1");
      // bob answers at once, plays his speech and hangs up when it ends
      JsSipCalls.awaitAnsweredThenEnded(phone, bob);
      JsSipCalls.assertAudioBothWays(phone, bob, browserSpeech, 0.8);
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
