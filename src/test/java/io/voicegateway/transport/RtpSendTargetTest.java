package io.voicegateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.LegDirection;
import io.voicegateway.bus.MediaCommands.AppAttach;
import io.voicegateway.bus.MediaCommands.LegOpen;
import io.voicegateway.bus.MediaCommands.LegOpened;
import io.voicegateway.bus.MediaCommands.LegStart;
import io.voicegateway.apps.AppsVerticle;
import io.voicegateway.codec.CodecType;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.Mixer;
import io.voicegateway.media.TestMediaConfig;
import io.voicegateway.media.rtp.RtpPacket;
import io.voicegateway.metrics.GatewayMetrics;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a leg's RTP goes, through the real RTP verticle and mixer on both Netty transports (issue 13): to an SDP
 * host name resolved once (the socket sends to its literal), to a source strict RTP latched (the target, with its
 * resolved address, moves at once), and nowhere while a name does not resolve. Time is a fake clock; the mixer is
 * ticked by the test.
 */
class RtpSendTargetTest {
  private static final long MS = 1_000_000L;
  private static final int LEARNING = io.voicegateway.config.MediaConfig.RtpLearning.DEFAULT.packets();

  private final AtomicLong clock = new AtomicLong(1_000 * MS);
  private Vertx vertx;
  private MediaEngine engine;
  private Mixer mixer;

  private void start(String transport) throws Exception {
    vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport("epoll".equals(transport))).build();
    if ("epoll".equals(transport) && !vertx.isNativeTransportEnabled()) {
      throw new IllegalStateException("epoll asked for but unavailable: " + vertx.unavailableNativeTransportCause());
    }
    BusCodecs.registerAll(vertx);
    int base = 30000 + 2 * (int) (ProcessHandle.current().pid() % 8000) + ("epoll".equals(transport) ? 40 : 0);
    MediaTransport media = MediaTransport.create(TestMediaConfig.gateway(base, base + 20).media(),
        GatewayMetrics.detached(), clock::get, java.time.Clock.systemUTC());
    engine = media.engine();
    mixer = new Mixer(engine.servePartition(0));
    await(vertx.deployVerticle(new RtpVerticle(media)));
    await(vertx.deployVerticle(new AppsVerticle(engine)));
  }

  @AfterEach
  void stop() throws Exception {
    if (vertx != null) {
      await(vertx.close());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"nio", "epoll"})
  void sendsToAResolvedHostNameThenFollowsTheLatchedSource(String transport) throws Exception {
    start(transport);
    InetAddress localhost = InetAddress.getByName("localhost"); // what the gateway's one lookup will find
    LegOpened opened = await(vertx.eventBus().<LegOpened>request(Addresses.MEDIA_LEG_OPEN,
        new LegOpen("call-1", "leg-1"))).body();
    await(vertx.eventBus().request(Addresses.APPS_ATTACH, new AppAttach("call-1", "echo")));
    try (DatagramSocket sdp = new DatagramSocket(0, localhost);
         DatagramSocket moved = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      sdp.setSoTimeout(20);
      moved.setSoTimeout(20);
      // A name that does not resolve: logged, nothing sent, the leg keeps working.
      await(vertx.eventBus().request(Addresses.MEDIA_LEG_START, new LegStart("call-1", "leg-1",
          "no-such-host.invalid", sdp.getLocalPort(), CodecType.PCMU, 0, 101, 20, LegDirection.SENDRECV)));
      await(vertx.eventBus().request(Addresses.MEDIA_LEG_START, new LegStart("call-1", "leg-1", "localhost",
          sdp.getLocalPort(), CodecType.PCMU, 0, 101, 20, LegDirection.SENDRECV)));
      DatagramPacket first = receiveWhileTicking(sdp);
      assertEquals(opened.rtpPort(), first.getPort(), "RTP leaves from the leg's own port");
      RtpPacket rtp = new RtpPacket();
      assertTrue(rtp.parse(first.getData(), 0, first.getLength()), "an RTP packet");
      assertEquals(0, rtp.payloadType());

      // Another source passes strict RTP learning: with symmetric RTP the target moves to it.
      byte[] pkt = new byte[12 + 160];
      InetAddress gw = InetAddress.getLoopbackAddress();
      for (int seq = 1; seq <= LEARNING; seq++) {
        RtpPacket.writeHeader(pkt, 0, false, 0, seq, 160L * seq, 0x5150L);
        moved.send(new DatagramPacket(pkt, pkt.length, gw, opened.rtpPort()));
      }
      DatagramPacket atMoved = receiveWhileTicking(moved);
      assertEquals(opened.rtpPort(), atMoved.getPort());
    }
  }

  /** Ticks the mixer (20 ms of fake time a tick) until {@code socket} hears a datagram. */
  private DatagramPacket receiveWhileTicking(DatagramSocket socket) {
    DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
    Awaitility.await().pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
        .atMost(Duration.ofSeconds(30)).until(() -> {
          mixer.tick(clock.addAndGet(20 * MS));
          try {
            socket.receive(packet);
            return true;
          } catch (SocketTimeoutException e) {
            return false;
          }
        });
    return packet;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
