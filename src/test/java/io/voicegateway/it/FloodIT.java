package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.voicegateway.it.peers.Baresip;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.media.rtp.PortPool;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.SpeechFixture;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood from one unknown loopback address (127.0.0.2: INVITEs, each a new call, and garbage) while a configured
 * trunk (127.0.0.1) calls the echo: baresip's speech comes back (correlation) and SIPp's calls are all answered,
 * the flooder is banned and nearly everything it sent was dropped before parsing, and every port is back after.
 * Asserts on counts, not on time (docs/reliability.md, "Floods and overload control", has the timed bench).
 */
class FloodIT {
  private static final int COMPARE_RATE = 8000;
  /** Per millisecond tick: about 3,000 INVITEs and 1,000 garbage datagrams a second. */
  private static final int INVITES_PER_TICK = 3;
  /** Bounds the flood whatever happens to the calls. */
  private static final long MAX_DATAGRAMS = 200_000;

  @TempDir Path dir;

  @Test
  void aFloodFromOneAddressNeitherStarvesTheTrunkNorLeaksPorts() throws Exception {
    SippRunner.requireSipp();
    String sections = String.join("\n",
        "providers:",
        "  - id: carrier",
        "    host: 127.0.0.1",
        "    inbound_ips: [127.0.0.1]",
        "limits:",
        "  enabled: true");
    try (GatewayFixture gw = GatewayFixture.start("  jitter_buffer_ms: 40\n  rtp_timeout: 2s\n"
        + "  reconnection_timeout: 1s", sections)) {
      PortPool pool = gw.gateway().media().ports();
      int capacity = pool.available();
      Flood flood = new Flood(new InetSocketAddress("127.0.0.1", gw.sipPort()));
      try {
        SippRunner.Running sipp = SippRunner.builtin("uac").args("-s", "echo", "-d", "1000")
            .start(gw.target(), 5, 5, 1);
        Path speech = SpeechFixture.speech(dir, 8000);
        Baresip phone = new Baresip(dir.resolve("baresip"), "PCMU", speech, 8000);
        Baresip.CallRecording rec = phone.call(gw.uri("echo"), Duration.ofSeconds(25));
        SippRunner.Result calls = sipp.await();
        flood.stop();

        assertEquals(5, calls.successful(), "the trunk's SIPp calls: " + calls);
        assertNotNull(rec.heard(), "baresip heard nothing: " + rec.log());
        AudioMatch.Result match = AudioMatch.align(AudioMatch.read(rec.sent(), COMPARE_RATE),
            AudioMatch.read(rec.heard(), COMPARE_RATE), COMPARE_RATE, 500, 400);
        System.out.printf("flood: %d datagrams sent; echo under flood: %s%n", flood.sent.get(), match);
        assertTrue(match.windows().size() >= 8, "too little speech came back: " + match);
        assertTrue(match.medianCorrelation() >= 0.9, "the trunk's audio under flood: " + match);
      } finally {
        flood.stop();
      }

      JsonObject limits = gw.gateway().health().getJsonObject("limits");
      System.out.println("limits: " + limits.encode());
      JsonObject limited = limits.getJsonObject("limited");
      long dropped = limited.getLong("banned") + limited.getLong("rate") + limited.getLong("invite_rate");
      assertTrue(limits.getLong("bansTotal") >= 1, "the flooder was banned: " + limits);
      assertTrue(limits.getInteger("bannedNow") >= 1, "and still is: " + limits);
      assertTrue(dropped >= flood.sent.get() * 9 / 10, flood.sent.get() + " sent, " + dropped + " dropped: " + limits);

      // the few flood INVITEs admitted before the ban were answered and never ACKed: their ports come back too
      GatewayUnderTest.eventually(90, () -> pool.available() == capacity && gw.activeCalls() == 0);
      assertEquals(capacity, pool.available(), "every port back in the pool");
      assertEquals(0, gw.activeCalls());
    }
  }

  /** INVITEs (each a new call) and garbage from 127.0.0.2, paced by a scheduler, until stopped or bounded. */
  private static final class Flood {
    final AtomicLong sent = new AtomicLong();
    private final DatagramSocket socket;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final byte[] garbage = "NOT SIP\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    Flood(InetSocketAddress target) throws Exception {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
      socket.connect(target);
      timer.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.MILLISECONDS);
    }

    private void tick() {
      try {
        for (int i = 0; i < INVITES_PER_TICK && sent.get() < MAX_DATAGRAMS; i++) {
          byte[] invite = invite(sent.incrementAndGet());
          socket.send(new DatagramPacket(invite, invite.length));
        }
        if (sent.get() < MAX_DATAGRAMS) {
          sent.incrementAndGet();
          socket.send(new DatagramPacket(garbage, garbage.length));
        }
      } catch (Exception e) {
        // a full socket buffer: the datagram is lost like any flood datagram
      }
    }

    private byte[] invite(long n) {
      int port = socket.getLocalPort();
      String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.2\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\n"
          + "m=audio 40000 RTP/AVP 0\r\n";
      return ("INVITE sip:echo@127.0.0.1 SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP 127.0.0.2:" + port + ";branch=z9hG4bK-flood-" + n + "\r\n"
          + "Max-Forwards: 70\r\nFrom: <sip:flood@127.0.0.2>;tag=f" + n + "\r\nTo: <sip:echo@127.0.0.1>\r\n"
          + "Call-ID: flood-" + n + "@127.0.0.2\r\nCSeq: 1 INVITE\r\nContact: <sip:flood@127.0.0.2:" + port + ">\r\n"
          + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp)
          .getBytes(StandardCharsets.US_ASCII);
    }

    void stop() throws InterruptedException {
      timer.shutdownNow();
      timer.awaitTermination(5, TimeUnit.SECONDS);
      socket.close();
    }
  }
}
