package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
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
 */
class ClusterRegistrationIT {
  private static final int COMPARE_RATE = 8000;
  private static TwoNodes nodes;
  private static GatewayFixture a;
  private static GatewayFixture b;

  @BeforeAll
  static void start() throws Exception {
    nodes = TwoNodes.start(String.join("\n",
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
}
