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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood from one unknown loopback address (127.0.0.2: INVITEs, each a new call, and garbage), or rotating over 253
 * (127.0.0.2 to 127.0.0.254, each under its own per-address limits), while a configured trunk (127.0.0.1) calls the
 * echo: baresip's speech comes back (correlation) and SIPp's calls are all answered, nearly everything the flood
 * sent was dropped before parsing (the one flooder banned; the many held to the strangers' shared budgets), and
 * every port is back after. Asserts on counts, not on time (docs/reliability.md, "Floods and overload control", has
 * the timed bench).
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
    JsonObject limits = floodWhileTheTrunkCalls(List.of(InetAddress.getByName("127.0.0.2")), 90);
    assertTrue(limits.getLong("bansTotal") >= 1, "the flooder was banned: " + limits);
    assertTrue(limits.getInteger("bannedNow") >= 1, "and still is: " + limits);
  }

  /**
   * 253 addresses, each sending about 12 INVITEs a second (under its own 20/s) and a few garbage datagrams: the
   * per-address limits let each through, the strangers' shared budgets ({@code limits.unknown_*}) do not.
   */
  @Test
  void aFloodRotatingOverManyAddressesNeitherStarvesTheTrunkNorLeaksPorts() throws Exception {
    List<InetAddress> sources = new ArrayList<>();
    for (int i = 2; i <= 254; i++) {
      sources.add(InetAddress.getByName("127.0.0." + i));
    }
    // about 4,000 datagrams a second against 1,000 for all strangers: some 80 % or more dropped unread
    JsonObject limits = floodWhileTheTrunkCalls(sources, 70);
    JsonObject limited = limits.getJsonObject("limited");
    assertTrue(limited.getLong("unknown_invite_rate") + limited.getLong("unknown_rate") > 0,
        "the strangers' shared budgets refused the rotating flood: " + limits);
    assertTrue(limits.getInteger("trackedSources") >= 200, "every address was seen: " + limits);
  }

  /**
   * The flood from {@code sources} during the trunk's calls, of which at least {@code droppedPercent} must be dropped
   * before parsing; returns /health's limits after the common checks.
   */
  private JsonObject floodWhileTheTrunkCalls(List<InetAddress> sources, int droppedPercent) throws Exception {
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
      Flood flood = new Flood(new InetSocketAddress("127.0.0.1", gw.sipPort()), sources);
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
      long dropped = limited.getLong("banned") + limited.getLong("rate") + limited.getLong("invite_rate")
          + limited.getLong("unknown_rate") + limited.getLong("unknown_invite_rate");
      assertTrue(dropped * 100 >= flood.sent.get() * droppedPercent, flood.sent.get() + " sent, " + dropped + " dropped: " + limits);

      // the few flood INVITEs admitted before the ban were answered and never ACKed: their ports come back too
      GatewayUnderTest.eventually(90, () -> pool.available() == capacity && gw.activeCalls() == 0);
      assertEquals(capacity, pool.available(), "every port back in the pool");
      assertEquals(0, gw.activeCalls());
      return limits;
    }
  }

  /**
   * INVITEs (each a new call) and garbage from {@code sources} in turn (one socket bound to each), paced by a
   * scheduler, until stopped or bounded.
   */
  private static final class Flood {
    final AtomicLong sent = new AtomicLong();
    private final List<DatagramSocket> sockets = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final byte[] garbage = "NOT SIP\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private int turn;

    Flood(InetSocketAddress target, List<InetAddress> sources) throws Exception {
      for (InetAddress source : sources) {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(source, 0));
        socket.connect(target);
        sockets.add(socket);
      }
      timer.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.MILLISECONDS);
    }

    private void tick() {
      try {
        for (int i = 0; i < INVITES_PER_TICK && sent.get() < MAX_DATAGRAMS; i++) {
          DatagramSocket socket = next();
          byte[] invite = invite(socket, sent.incrementAndGet());
          socket.send(new DatagramPacket(invite, invite.length));
        }
        if (sent.get() < MAX_DATAGRAMS) {
          sent.incrementAndGet();
          next().send(new DatagramPacket(garbage, garbage.length));
        }
      } catch (Exception e) {
        // a full socket buffer: the datagram is lost like any flood datagram
      }
    }

    private DatagramSocket next() {
      turn = (turn + 1) % sockets.size();
      return sockets.get(turn);
    }

    private static byte[] invite(DatagramSocket socket, long n) {
      int port = socket.getLocalPort();
      String from = socket.getLocalAddress().getHostAddress();
      String sdp = "v=0\r\no=- 1 1 IN IP4 " + from + "\r\ns=-\r\nc=IN IP4 " + from + "\r\nt=0 0\r\n"
          + "m=audio 40000 RTP/AVP 0\r\n";
      return ("INVITE sip:echo@127.0.0.1 SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP " + from + ":" + port + ";branch=z9hG4bK-flood-" + n + "\r\n"
          + "Max-Forwards: 70\r\nFrom: <sip:flood@" + from + ">;tag=f" + n + "\r\nTo: <sip:echo@127.0.0.1>\r\n"
          + "Call-ID: flood-" + n + "@" + from + "\r\nCSeq: 1 INVITE\r\nContact: <sip:flood@" + from + ":" + port
          + ">\r\nContent-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp)
          .getBytes(StandardCharsets.US_ASCII);
    }

    void stop() throws InterruptedException {
      timer.shutdownNow();
      timer.awaitTermination(5, TimeUnit.SECONDS);
      for (DatagramSocket socket : sockets) {
        socket.close();
      }
    }
  }
}
