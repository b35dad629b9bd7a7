package io.voicegateway.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.Addresses;
import io.voicegateway.it.peers.Baresip;
import io.voicegateway.media.rtp.RtpPacket;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SpeechFixture;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RTP hijack of issue 14, tried again: baresip calls the echo and speaks; once the call's media flows, two
 * loopback sockets on other ports flood the gateway's RTP port of that call with random bytes and with
 * valid-looking PCMU (the negotiated payload type, a foreign SSRC, an advancing sequence), about 2,000 datagrams
 * a second until the call ends. Strict RTP learning must keep the call on baresip: it hears its own speech back
 * (correlation ≥ 0.9), the flooders receive no media at all, and {@code /metrics} counts the junk by reason.
 */
class StrictRtpIT {
  private static final int COMPARE_RATE = 8000;
  private static final Pattern DROPPED = Pattern.compile("^vg_media_rtp_dropped_total\\{reason=\"([a-z_]+)\",?} (\\S+)$",
      Pattern.MULTILINE);

  @TempDir Path dir;

  @Test
  void aJunkFloodNeitherHijacksNorSpoilsTheCall() throws Exception {
    try (GatewayFixture gw = GatewayFixture.start("  jitter_buffer_ms: 40")) {
      Path speech = SpeechFixture.speech(dir, COMPARE_RATE);
      Baresip phone = new Baresip(dir.resolve("baresip"), "PCMU", speech, COMPARE_RATE);
      CompletableFuture<Baresip.CallRecording> call = CompletableFuture.supplyAsync(() -> {
        try {
          return phone.call(gw.uri("echo"), Duration.ofSeconds(25));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });

      // The caller's leg is the one with a socket; flood it once it has learnt baresip (half a second of media).
      int rtpPort = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
          .until(() -> callerLegPort(gw, 25), port -> port > 0 || call.isDone());
      assertTrue(rtpPort > 0, "the call's media never flowed");

      ScheduledExecutorService flood = Executors.newSingleThreadScheduledExecutor();
      try (DatagramSocket junk = new DatagramSocket(new InetSocketAddress("127.0.0.1", FreePorts.block(2)));
           DatagramSocket spoof = new DatagramSocket(new InetSocketAddress("127.0.0.1", FreePorts.block(2)))) {
        Flooder flooder = new Flooder(junk, spoof, InetAddress.getLoopbackAddress(), rtpPort);
        flood.scheduleAtFixedRate(flooder::burst, 0, 1, TimeUnit.MILLISECONDS);
        CompletableFuture<Long> junkHeard = CompletableFuture.supplyAsync(() -> received(junk, call));
        CompletableFuture<Long> spoofHeard = CompletableFuture.supplyAsync(() -> received(spoof, call));

        // baresip hangs up when its WAV ends but lingers a while; the flood counts while the call is up
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> gw.activeCalls() == 0);
        long junkSent = flooder.junkSent.get();
        long spoofSent = flooder.spoofSent.get();
        flood.shutdownNow();
        Baresip.CallRecording rec = call.get(60, TimeUnit.SECONDS);
        assertNotNull(rec.heard(), "baresip heard nothing: " + rec.log());
        System.out.printf("strict RTP: %d junk and %d spoofed datagrams sent during the call%n", junkSent, spoofSent);
        assertTrue(spoofSent > 2000, "the flood ran for seconds: " + spoofSent);
        assertEquals(0L, junkHeard.get(10, TimeUnit.SECONDS), "datagrams the junk flooder received");
        assertEquals(0L, spoofHeard.get(10, TimeUnit.SECONDS), "datagrams the RTP spoofer received");

        short[] sent = AudioMatch.read(rec.sent(), COMPARE_RATE);
        short[] heard = AudioMatch.read(rec.heard(), COMPARE_RATE);
        AudioMatch.Result match = AudioMatch.align(sent, heard, COMPARE_RATE, 500, 400);
        System.out.printf("strict RTP under flood, echo PCMU: %s%n", match);
        assertTrue(match.windows().size() >= 8, "too little speech came back: " + match);
        assertTrue(match.medianCorrelation() >= 0.9, "the caller kept its audio: " + match);

        // at least half: loopback drops datagrams when the receive buffer overflows on a busy 2-core machine, and
        // the last ones reach a port already closed
        String metrics = scrape(gw);
        assertTrue(dropped(metrics, "not_rtp") >= junkSent / 2, "junk counted: " + droppedLines(metrics));
        assertTrue(dropped(metrics, "foreign_source") >= spoofSent / 2,
            "spoofed RTP counted as foreign: " + droppedLines(metrics));
      } finally {
        flood.shutdownNow();
      }
    }
  }

  /** Every 1 ms: one datagram of random bytes from one port, one valid-looking PCMU packet from another. */
  private static final class Flooder {
    final AtomicLong junkSent = new AtomicLong();
    final AtomicLong spoofSent = new AtomicLong();
    private final DatagramSocket junk;
    private final DatagramSocket spoof;
    private final InetAddress target;
    private final int port;
    private final Random random = new Random(14);
    private final byte[] bytes = new byte[172];
    private int seq;

    Flooder(DatagramSocket junk, DatagramSocket spoof, InetAddress target, int port) {
      this.junk = junk;
      this.spoof = spoof;
      this.target = target;
      this.port = port;
    }

    void burst() {
      try {
        random.nextBytes(bytes);
        bytes[0] = (byte) (bytes[0] & 0x3f); // never version 2: junk, whatever else it says
        junk.send(new DatagramPacket(bytes, 12 + random.nextInt(160), target, port));
        junkSent.incrementAndGet();
        random.nextBytes(bytes);
        RtpPacket.writeHeader(bytes, 0, false, 0, seq & 0xffff, seq * 160L, 0x4a11ce);
        seq++;
        spoof.send(new DatagramPacket(bytes, bytes.length, target, port));
        spoofSent.incrementAndGet();
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Datagrams {@code socket} receives until the call ends (the gateway must send it nothing). */
  private static long received(DatagramSocket socket, CompletableFuture<?> call) {
    long count = 0;
    byte[] buf = new byte[2048];
    try {
      socket.setSoTimeout(100);
      while (!call.isDone()) {
        try {
          socket.receive(new DatagramPacket(buf, buf.length));
          count++;
        } catch (SocketTimeoutException e) {
          // nothing yet: look again until the call is over
        }
      }
    } catch (java.io.IOException e) {
      return count; // closed at the end of the test
    }
    return count;
  }

  /** The RTP port of the leg that has a socket and has received at least {@code packets}, else 0. */
  private static int callerLegPort(GatewayFixture gw, long packets) throws Exception {
    Object reply = gw.gateway().vertx().eventBus().request(Addresses.MEDIA_STATS, "").await(5, TimeUnit.SECONDS)
        .body();
    JsonArray legs = reply instanceof JsonArray a ? a : new JsonArray(reply.toString());
    return legs.stream().map(JsonObject.class::cast)
        .filter(l -> l.getInteger("rtpPort", 0) > 0 && l.getLong("packetsReceived", 0L) >= packets)
        .mapToInt(l -> l.getInteger("rtpPort")).findFirst().orElse(0);
  }

  private static String scrape(GatewayFixture gw) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gw.gateway().httpPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static double dropped(String metrics, String reason) {
    Matcher m = DROPPED.matcher(metrics);
    while (m.find()) {
      if (m.group(1).equals(reason)) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError("no vg_media_rtp_dropped_total{reason=\"" + reason + "\"} in /metrics");
  }

  private static String droppedLines(String metrics) {
    return metrics.lines().filter(l -> l.startsWith("vg_media_rtp_")).reduce("", (a, b) -> a + "\n" + b);
  }
}
