package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.peers.JsSipCalls;
import io.voicegateway.it.peers.JsSipPhone;
import io.voicegateway.it.support.HeadlessChromium;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.sip.registrar.NodeHops;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, registrations in a cluster: two gateway nodes (in this JVM, each its own Vert.x, SIP stack, RTP ports and
 * Hazelcast member on loopback). A baresip phone registers through node A; a trunk call (SIPp) arrives at node B for
 * it: B finds A's binding in the cluster's shared map, sends the INVITE straight to the phone's UDP contact, the phone
 * answers and its speech crosses B's mixer to the trunk, which echoes it back ({@code -rtp_echo}): what the phone
 * sent and heard are compared by cross-correlation.
 *
 * <p>The same over TCP: a phone registered through node A over TCP can only be reached over the connection A holds,
 * so node B sends its INVITE to node A with a pass, and A rings the phone over that connection (A anchors the media:
 * trunk ↔ B ↔ A ↔ phone). A stranger's INVITE to A with a forged pass is refused (403) and rings nothing.
 */
class ClusterRegistrationIT {
  private static final int COMPARE_RATE = 8000;
  private static TwoNodes nodes;
  private static GatewayFixture a;
  private static GatewayFixture b;
  /** Node A also takes SIP over WebSocket (a browser phone registers through it). */
  private static int wsPortA;

  @BeforeAll
  static void start() throws Exception {
    wsPortA = FreePorts.udpAndTcp();
    nodes = TwoNodes.start(String.join("\n", "  keepalive_interval: 1h", "  sip_transport: [udp, tcp, ws]",
        "  sip_ws_port: " + wsPortA), String.join("\n",
        "providers:",
        "  - id: carrier",
        "    host: 127.0.0.1",
        "    port: 5999",
        "    codecs: [g711-alaw]",
        "    inbound_ips: [127.0.0.1]",
        GatewayFixture.ALICE_AND_BOB,
        "routes:",
        "  - direction: inbound",
        "    match: \"+4930123*\"",
        "    ring: [alice]",
        "    ring_timeout: 20s",
        "  - direction: inbound",
        "    match: \"+4930124*\"",
        "    ring: [bob]",
        "    ring_timeout: 20s"));
    a = nodes.a;
    b = nodes.b;
  }

  @AfterAll
  static void stop() throws Exception {
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  void aPhoneRegisteredThroughNodeAIsRungByATrunkCallAtNodeBWithAudio(@TempDir Path dir) throws Exception {
    Path speech = SpeechFixture.speech(dir, 8000);
    try (BaresipDevice alice = a.phone(dir, "alice", "wonderland", "PCMU", speech, 8000, true)) {
      assertTrue(GatewayUnderTest.eventually(15, () -> b.contactsOf("alice").stream()
          .anyMatch(binding -> binding.sourcePort() == alice.sipPort())), "node B sees alice's binding at node A");

      SippRunner.Result trunk = SippRunner.scenario("trunk_uac_wait_bye.xml").args("-s", "+4930123456", "-d", "0",
          "-rtp_echo", "-mp", Integer.toString(FreePorts.block(4))).timeoutSeconds(60).run(b.target(), 1, 1, 1);
      assertEquals(1, trunk.successful(), "trunk call to node B: " + trunk);
      alice.close();

      String log = alice.logText();
      assertTrue(log.contains("Via: SIP/2.0/UDP 127.0.0.1:" + b.sipPort()), "node B rang alice itself:\n" + log);
      short[] sent = AudioMatch.read(alice.sent(), COMPARE_RATE);
      short[] heard = AudioMatch.read(alice.heard(), COMPARE_RATE);
      AudioMatch.Result match = AudioMatch.align(sent, heard, COMPARE_RATE, 500, 600);
      System.out.println("phone at node A <-> trunk at node B, echoed by the trunk: " + match);
      assertTrue(match.windows().size() >= 6, "too little speech came back: " + match);
      assertTrue(match.medianCorrelation() >= 0.75, "audio through node B: " + match);
      assertTrue(GatewayUnderTest.eventually(10, () -> b.activeCalls() == 0), "the call ended on node B");
      assertEquals(0, a.activeCalls(), "node A carried no call");
    }
  }

  @Test
  void aPhoneRegisteredThroughNodeAOverTcpIsRungThroughNodeAByATrunkCallAtNodeBWithAudio(@TempDir Path dir)
      throws Exception {
    Path speech = SpeechFixture.speech(dir, 8000);
    try (BaresipDevice bob = new BaresipDevice(dir.resolve("bob"), a.target() + ";transport=tcp", "bob", "builder",
        "PCMU", speech, 8000, true)) {
      bob.start();
      assertTrue(GatewayUnderTest.eventually(15, () -> a.contactsOf("bob").stream()
          .anyMatch(binding -> "tcp".equals(binding.transport()))), "bob registered over TCP at node A:\n"
          + bob.logText());
      assertTrue(GatewayUnderTest.eventually(15, () -> b.contactsOf("bob").stream()
          .anyMatch(binding -> binding.reachUri().equals("sip:bob@127.0.0.1:" + a.sipPort()))),
          "node B sees bob's TCP binding, to be reached through node A: " + b.contactsOf("bob"));

      SippRunner.Result trunk = SippRunner.scenario("trunk_uac_wait_bye.xml").args("-s", "+4930124456", "-d", "0",
          "-rtp_echo", "-mp", Integer.toString(FreePorts.block(4))).timeoutSeconds(60).run(b.target(), 1, 1, 1);
      assertEquals(1, trunk.successful(), "trunk call to node B: " + trunk);

      String log = bob.logText();
      assertTrue(log.contains("Via: SIP/2.0/TCP 127.0.0.1:" + a.sipPort()),
          "node A rang bob over the TCP connection it holds:\n" + log);
      assertFalse(log.contains("Via: SIP/2.0/UDP 127.0.0.1:" + b.sipPort())
          || log.contains("Via: SIP/2.0/TCP 127.0.0.1:" + b.sipPort()), "node B did not try bob itself:\n" + log);
      short[] sent = AudioMatch.read(bob.sent(), COMPARE_RATE);
      short[] heard = AudioMatch.read(bob.heard(), COMPARE_RATE);
      // the echo crosses both nodes twice (two mixers and jitter buffers each way): on a busy machine the round trip
      // came to 570-600 ms, the end of the first test's search range, so this one searches up to 1.5 s
      AudioMatch.Result match = AudioMatch.align(sent, heard, COMPARE_RATE, 500, 1500);
      System.out.println("TCP phone at node A <-> node A <-> node B <-> trunk, echoed by the trunk: " + match);
      assertTrue(match.windows().size() >= 6, "too little speech came back: " + match);
      assertTrue(match.medianCorrelation() >= 0.75, "audio through nodes A and B: " + match);
      assertTrue(GatewayUnderTest.eventually(10, () -> b.activeCalls() == 0), "the call ended on node B");
      assertTrue(GatewayUnderTest.eventually(10, () -> a.activeCalls() == 0), "the call ended on node A");

      // a stranger who knows the scheme but not the cluster's secret reaches nobody through node A
      int invitesBefore = count(bob.logText(), "INVITE sip:");
      String answer = strangerInvite(a.sipPort(), "bob", NodeHops.PARAM + "=node-x.AAAAAAAAAAAAAAAA."
          + (System.currentTimeMillis() / 1000 + 10) + ".bm9uY2Vub25jZW5v.AAAAAAAAAAAAAAAAAAAAAA");
      assertTrue(answer.startsWith("SIP/2.0 403"), "a forged pass is refused: " + answer);
      assertTrue(answer.contains("bad pass"), answer);
      assertEquals(0, a.activeCalls(), "no call made at node A");
      assertEquals(invitesBefore, count(bob.logText(), "INVITE sip:"), "bob was not rung");
    }
  }

  @Test
  void aBrowserRegisteredThroughNodeAOverWebSocketIsRungThroughNodeAByADeskPhoneAtNodeB(@TempDir Path dir)
      throws Exception {
    Path browserSpeech = SpeechFixture.speech(dir, 48000);
    Path bobSpeech = SpeechFixture.otherSpeech(dir, "3"); // 3 s of silence first: ICE and DTLS may still come up
    try (JsSipPhone alice = JsSipPhone.open(browserSpeech);
         BaresipDevice bob = b.phone(dir, "bob", "builder", "PCMU", bobSpeech, JsSipCalls.COMPARE_RATE, true)) {
      alice.autoAnswer();
      alice.register("ws://127.0.0.1:" + wsPortA, "sip:alice@127.0.0.1", "wonderland");
      HeadlessChromium.eventually(15, "alice registered over ws at node A", () -> alice.fieldIs("registered", "true"));
      assertTrue(GatewayUnderTest.eventually(15, () -> b.contactsOf("alice").stream()
          .anyMatch(binding -> "ws".equals(binding.transport())
              && binding.reachUri().equals("sip:alice@127.0.0.1:" + a.sipPort()))),
          "node B sees alice's WebSocket binding, to be reached through node A: " + b.contactsOf("alice"));

      bob.command("dial", "101"); // bob, registered through node B, dials alice's extension there
      JsSipCalls.awaitAnsweredThenEnded(alice, bob);
      JsSipCalls.assertAudioBothWays(alice, bob, browserSpeech, 0.9);
    }
    assertTrue(GatewayUnderTest.eventually(10, () -> a.activeCalls() == 0 && b.activeCalls() == 0),
        "the call ended on both nodes");
  }

  /** One INVITE from a plain UDP socket; the first final response to it. */
  private static String strangerInvite(int port, String user, String uriParam) throws Exception {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      int local = socket.getLocalPort();
      String sdp = "v=0\r\no=x 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
      String invite = "INVITE sip:" + user + "@127.0.0.1:" + port + ";" + uriParam + " SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP 127.0.0.1:" + local + ";branch=z9hG4bK-stranger-" + local + ";rport\r\n"
          + "From: <sip:mallory@127.0.0.1:" + local + ">;tag=m1\r\n"
          + "To: <sip:" + user + "@127.0.0.1:" + port + ">\r\n"
          + "Call-ID: stranger-" + local + "@127.0.0.1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
          + "Contact: <sip:mallory@127.0.0.1:" + local + ">\r\nContent-Type: application/sdp\r\n"
          + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
      byte[] bytes = invite.getBytes(StandardCharsets.US_ASCII);
      socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", port)));
      socket.setSoTimeout(10_000);
      byte[] buffer = new byte[65536];
      while (true) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        String response = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
        if (!response.startsWith("SIP/2.0 1")) {
          return response;
        }
      }
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      n++;
    }
    return n;
  }
}
