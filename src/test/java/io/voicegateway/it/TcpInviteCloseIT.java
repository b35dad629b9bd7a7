package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.it.peers.BaresipDevice;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.media.rtp.PortPool;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The port exhaustion of issue 14: an INVITE over TCP that rings a device (baresip, auto-answer off, so it rings
 * and never answers), whose connection the caller then closes. Each such call must end at once (the phone gets
 * CANCEL, every RTP port goes back to the pool) instead of ringing on with its ports; afterwards a normal call
 * between two phones carries speech.
 */
class TcpInviteCloseIT {
  private static final int CALLS = 10;
  private static final int COMPARE_RATE = 8000;

  @Test
  void aRingingCallWhoseTcpConnectionClosesEndsAndGivesItsPortsBack(@TempDir Path dir) throws Exception {
    try (GatewayFixture gw = GatewayFixture.start("  sip_transport: [udp, tcp]\n  keepalive_interval: 1h",
        String.join("\n",
            GatewayFixture.ALICE_AND_BOB,
            "routes:",
            "  - {direction: inbound, match: \"555\", ring: [bob], ring_timeout: 120s, from: any}"))) {
      PortPool pool = gw.gateway().media().ports();
      int capacity = pool.available();
      try (BaresipDevice bob = gw.phone(dir.resolve("ringing"), "bob", "builder", "PCMU", silence(dir), 8000,
          false)) {
        for (int i = 0; i < CALLS; i++) {
          int rtp = FreePorts.udpAndTcp();
          try (Socket caller = new Socket()) {
            caller.connect(new InetSocketAddress("127.0.0.1", gw.sipPort()));
            caller.setSoTimeout(20_000); // the failure bound: bob rings within a second
            caller.getOutputStream().write(invite(i, caller.getLocalPort(), gw.sipPort(), rtp)
                .getBytes(StandardCharsets.US_ASCII));
            String answer = readUntil(caller.getInputStream(), "SIP/2.0 180");
            assertTrue(answer.contains("SIP/2.0 180"), "bob rings for call " + i + ":\n" + answer);
            assertEquals(1, gw.activeCalls(), "call " + i + " rings");
            assertTrue(pool.available() < capacity, "call " + i + " holds ports while it rings");
          } // the caller goes away: its connection closes with the INVITE unanswered
          final int call = i;
          assertTrue(GatewayUnderTest.eventually(15, () -> gw.activeCalls() == 0 && pool.available() == capacity),
              "call " + call + " ended and gave its ports back: " + gw.activeCalls() + " calls, "
                  + pool.available() + " of " + capacity + " ports free");
        }
        int cancels = bob.logText().split("CANCEL sip:", -1).length - 1;
        System.out.printf("tcp close: %d calls ended, %d of %d ports free, bob saw %d CANCELs%n", CALLS,
            pool.available(), capacity, cancels);
        assertTrue(cancels >= CALLS, "bob's ringing was cancelled each time:\n" + bob.logText());
      }
      normalCallCarriesSpeech(gw, dir.resolve("after"));
      assertTrue(GatewayUnderTest.eventually(15, () -> pool.available() == capacity), "ports back after the call");
    }
  }

  /** alice (PCMU, silent) calls bob (G.722, answers and plays speech): bob's speech reaches alice. */
  private static void normalCallCarriesSpeech(GatewayFixture gw, Path dir) throws Exception {
    try (BaresipDevice alice = gw.phone(dir, "alice", "wonderland", "PCMU", silence(dir), 8000, false);
         BaresipDevice bob = gw.phone(dir, "bob", "builder", "G722", SpeechFixture.speech(dir, 16000), 16000, true)) {
      alice.command("dial", "102");
      boolean ended = GatewayUnderTest.eventually(40, () -> bob.logText().contains("BYE sip:")
          || alice.logText().contains("BYE sip:"));
      alice.close();
      bob.close();
      assertTrue(ended, "the call ended:\n" + alice.logText());
      AudioMatch.Result match = AudioMatch.align(
          AudioMatch.fromOnset(AudioMatch.read(bob.sent(), COMPARE_RATE), COMPARE_RATE, 20),
          AudioMatch.fromOnset(AudioMatch.read(alice.heard(), COMPARE_RATE), COMPARE_RATE, 300),
          COMPARE_RATE, 500, 600);
      System.out.println("after the TCP closes, extension call G.722 -> PCMU: " + match);
      assertTrue(match.windows().size() >= 6, "too little speech arrived: " + match);
      assertTrue(match.medianCorrelation() >= 0.8, "bob's speech at alice: " + match);
    }
  }

  private static Path silence(Path dir) throws Exception {
    Path silence = dir.resolve("silence.wav");
    java.nio.file.Files.createDirectories(dir);
    Tools.run("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", silence.toString(), "trim", "0", "30");
    return silence;
  }

  /** An INVITE from a stranger over TCP with a PCMU offer. */
  private static String invite(int i, int localPort, int gatewayPort, int rtpPort) {
    String sdp = String.join("\r\n", "v=0", "o=- " + i + " 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1",
        "t=0 0", "m=audio " + rtpPort + " RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "a=sendrecv", "");
    return String.join("\r\n",
        "INVITE sip:555@127.0.0.1:" + gatewayPort + ";transport=tcp SIP/2.0",
        "Via: SIP/2.0/TCP 127.0.0.1:" + localPort + ";branch=z9hG4bK-tcpclose-" + i + ";rport",
        "Max-Forwards: 70",
        "From: <sip:stranger@127.0.0.1>;tag=tcpclose-" + i,
        "To: <sip:555@127.0.0.1>",
        "Call-ID: tcpclose-" + i + "-" + System.nanoTime() + "@127.0.0.1",
        "CSeq: 1 INVITE",
        "Contact: <sip:stranger@127.0.0.1:" + localPort + ";transport=tcp>",
        "Content-Type: application/sdp",
        "Content-Length: " + sdp.getBytes(StandardCharsets.US_ASCII).length,
        "",
        sdp);
  }

  /** What arrives on the connection until {@code marker} has (or the gateway stops sending for 20 s). */
  private static String readUntil(InputStream in, String marker) throws IOException {
    StringBuilder got = new StringBuilder();
    byte[] buffer = new byte[8192];
    while (!got.toString().contains(marker)) {
      int n;
      try {
        n = in.read(buffer);
      } catch (java.net.SocketTimeoutException e) {
        break;
      }
      if (n < 0) {
        break;
      }
      got.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
    }
    return got.toString();
  }
}
