package io.voicegateway.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.LegDirection;
import io.voicegateway.bus.MediaCommands.AppAttach;
import io.voicegateway.bus.MediaCommands.LegClose;
import io.voicegateway.bus.MediaCommands.LegOpen;
import io.voicegateway.bus.MediaCommands.LegOpened;
import io.voicegateway.bus.MediaCommands.LegStart;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.media.LegMedia;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.Mixer;
import io.voicegateway.media.TestMediaConfig;
import io.voicegateway.media.codec.AudioDecoder;
import io.voicegateway.media.codec.AudioEncoder;
import io.voicegateway.codec.CodecType;
import io.voicegateway.media.codec.Codecs;
import io.voicegateway.metrics.GatewayMetrics;
import io.voicegateway.media.rtp.RtpPacket;
import io.voicegateway.transport.MediaTransport;
import io.voicegateway.transport.RtpVerticle;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The echo app end to end in one process: a plain UDP socket plays the phone and sends 5 s of speech-like
 * G.711 as RTP through the real RTP verticle, mixer and echo app; what comes back must decode to the same
 * audio, shortly delayed. Time is a fake clock stepped 20 ms per packet: it stamps arrivals, drives the
 * mixer and the media watchdog.
 */
class EchoEndToEndTest {
  private static final long MS = 1_000_000L;
  private static final int RATE = 8000;
  private static final int FRAME = 160;
  private static final int FRAMES = 250; // 5 s
  /** Packets in a row before strict RTP learning takes a source (the default of rtp_learning_packets). */
  private static final int LEARNING = io.voicegateway.config.MediaConfig.RtpLearning.DEFAULT.packets();

  private final AtomicLong clock = new AtomicLong(1_000 * MS);
  private Vertx vertx;
  private MediaEngine engine;
  private Mixer mixer;
  private final List<CallEvent> events = new CopyOnWriteArrayList<>();
  private final BlockingQueue<SipCommands.Hangup> hangups = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    BusCodecs.registerAll(vertx);
    int base = 20000 + 2 * (int) (ProcessHandle.current().pid() % 10000);
    MediaTransport media = MediaTransport.create(TestMediaConfig.gateway(base, base + 40, "rfc4733",
        Duration.ofSeconds(2), Duration.ofSeconds(3)).media(), GatewayMetrics.detached(), clock::get,
        java.time.Clock.systemUTC());
    engine = media.engine();
    mixer = new Mixer(engine.servePartition(0));
    vertx.eventBus().<CallEvent>consumer(Addresses.CALL_EVENTS, m -> events.add(m.body()));
    vertx.eventBus().<SipCommands.Hangup>consumer(Addresses.SIP_HANGUP, m -> {
      hangups.add(m.body());
      m.reply(m.body());
    });
    await(vertx.deployVerticle(new RtpVerticle(media)));
    await(vertx.deployVerticle(new AppsVerticle(engine)));
    // What the SIP verticle publishes first: the media events must carry the same identity.
    vertx.eventBus().publish(Addresses.CALL_EVENTS, new CallEvent(CallEventType.CALL_STARTED, "call-1", CallDirection.INBOUND,
        "sip:alice@127.0.0.1", "sip:echo@127.0.0.1", "abc@127.0.0.1", Map.of("X-Tenant", "t1"), 0, null, 0, null));
    waitFor(() -> !events.isEmpty());
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void echoesTheCallersAudioBackAndReturnsThePorts() throws Exception {
    int capacity = engine.ports().available();
    LegOpened opened = await(vertx.eventBus().<LegOpened>request(Addresses.MEDIA_LEG_OPEN,
        new LegOpen("call-1", "leg-1"))).body();
    assertEquals(capacity - 1, engine.ports().available());
    await(vertx.eventBus().request(Addresses.APPS_ATTACH, new AppAttach("call-1", "echo")));

    try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      phone.setReceiveBufferSize(1 << 20);
      await(vertx.eventBus().request(Addresses.MEDIA_LEG_START, new LegStart("call-1", "leg-1", "127.0.0.1",
          phone.getLocalPort(), CodecType.PCMU, 0, 101, 20, LegDirection.SENDRECV)));
      LegMedia leg = engine.leg("leg-1");

      short[] speech = SpeechLike.generate(FRAMES * FRAME, RATE);
      short[] sent = new short[speech.length];
      AudioEncoder encoder = Codecs.encoder(CodecType.PCMU, null);
      AudioDecoder local = Codecs.decoder(CodecType.PCMU, null);
      byte[] out = new byte[12 + FRAME];
      InetAddress gateway = InetAddress.getLoopbackAddress();
      for (int f = 0; f < FRAMES; f++) {
        long now = clock.addAndGet(20 * MS);
        RtpPacket.writeHeader(out, 0, f == 0, 0, 1000 + f, 5000L + (long) f * FRAME, 0x11223344L);
        int len = encoder.encode(speech, f * FRAME, FRAME, out, 12);
        local.decode(out, 12, len, sent, f * FRAME); // what the gateway can at best hear
        phone.send(new DatagramPacket(out, 12 + len, gateway, opened.rtpPort()));
        // strict RTP learning drops the first packets of a source (its probation), then takes every one
        int expected = Math.max(0, f + 1 - (LEARNING - 1));
        waitFor(() -> leg.stats().packetsReceived() >= expected);
        mixer.tick(now);
      }
      short[] echoed = receive(phone, FRAMES);

      double[] best = bestCorrelation(sent, echoed, 120 * RATE / 1000);
      System.out.printf("echo: correlation %.4f at lag %.1f ms, sent rms %.0f, echoed rms %.0f%n", best[0],
          best[1] * 1000 / RATE, rms(sent), rms(echoed));
      assertTrue(rms(sent) > 1000, "the test signal is loud enough to mean something");
      assertEquals(rms(sent), rms(echoed), rms(sent) * 0.1, "echoed at the level sent");
      assertTrue(best[0] >= 0.9, "correlation " + best[0]);
      assertTrue(best[1] * 1000 / RATE <= 120, "lag " + best[1]);
      assertEquals(0, leg.stats().invalidPackets());
    }

    CallEvent started = waitForEvent(CallEventType.AUDIO_STARTED);
    assertEquals("sip:alice@127.0.0.1", started.from());
    assertEquals("t1", started.xHeaders().get("X-Tenant"));

    // The phone falls silent: AUDIO_STOPPED after rtp_timeout, a hang-up after reconnection_timeout.
    clock.addAndGet(2_100 * MS);
    waitForEvent(CallEventType.AUDIO_STOPPED);
    clock.addAndGet(3_100 * MS);
    SipCommands.Hangup hangup = hangups.poll(10, TimeUnit.SECONDS);
    assertEquals(new SipCommands.Hangup("call-1", "rtp timeout"), hangup);

    await(vertx.eventBus().request(Addresses.MEDIA_LEG_CLOSE, new LegClose("call-1", "leg-1", "bye")));
    assertEquals(capacity, engine.ports().available(), "ports back in the pool");
    assertEquals(0, engine.callCount());
  }

  @Test
  void countsInvalidPacketsAndUnknownPayloadTypesAndKeepsGoing() throws Exception {
    LegOpened opened = await(vertx.eventBus().<LegOpened>request(Addresses.MEDIA_LEG_OPEN,
        new LegOpen("call-1", "leg-2"))).body();
    try (DatagramSocket phone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      await(vertx.eventBus().request(Addresses.MEDIA_LEG_START, new LegStart("call-1", "leg-2", "127.0.0.1",
          phone.getLocalPort(), CodecType.PCMA, 8, -1, 20, LegDirection.SENDRECV)));
      LegMedia leg = engine.leg("leg-2");
      InetAddress gw = InetAddress.getLoopbackAddress();
      phone.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, gw, opened.rtpPort()));
      byte[] pkt = new byte[12 + 160];
      RtpPacket.writeHeader(pkt, 0, false, 18, 1, 1, 7); // G.729: not negotiated
      phone.send(new DatagramPacket(pkt, pkt.length, gw, opened.rtpPort()));
      for (int seq = 2; seq < 2 + LEARNING; seq++) { // the probation of strict RTP learning, then one taken
        RtpPacket.writeHeader(pkt, 0, false, 8, seq, 1 + 160L * seq, 7);
        phone.send(new DatagramPacket(pkt, pkt.length, gw, opened.rtpPort()));
      }
      waitFor(() -> leg.stats().packetsReceived() == 1);
      assertEquals(1, leg.stats().invalidPackets());
      assertEquals(1, leg.stats().unknownPayloadTypes());
    }
  }

  @Test
  void openFailsWith503WhenThePoolIsEmpty() throws Exception {
    int capacity = engine.ports().available();
    for (int i = 0; i < capacity; i++) {
      await(vertx.eventBus().request(Addresses.MEDIA_LEG_OPEN, new LegOpen("call-1", "l" + i)));
    }
    try {
      await(vertx.eventBus().request(Addresses.MEDIA_LEG_OPEN, new LegOpen("call-1", "one-too-many")));
      throw new AssertionError("expected 503");
    } catch (java.util.concurrent.ExecutionException e) {
      assertEquals(503, ((ReplyException) e.getCause()).failureCode());
    }
    // CALL_TERMINATED closes whatever the SIP side did not.
    vertx.eventBus().publish(Addresses.CALL_EVENTS, new CallEvent(CallEventType.CALL_TERMINATED, "call-1",
        CallDirection.INBOUND, null, null, null, Map.of(), 0, null, 0, "remote BYE"));
    waitFor(() -> engine.ports().available() == capacity);
  }

  private static short[] receive(DatagramSocket phone, int frames) throws Exception {
    short[] pcm = new short[frames * FRAME];
    AudioDecoder decoder = Codecs.decoder(CodecType.PCMU, null);
    RtpPacket packet = new RtpPacket();
    byte[] buf = new byte[2048];
    phone.setSoTimeout(1000);
    long firstTs = -1;
    for (int n = 0; n < frames; n++) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        phone.receive(p);
      } catch (SocketTimeoutException e) {
        break;
      }
      assertTrue(packet.parse(buf, 0, p.getLength()));
      assertEquals(0, packet.payloadType());
      if (firstTs < 0) {
        firstTs = packet.timestamp();
      }
      int at = (int) ((packet.timestamp() - firstTs) & 0xffffffffL);
      if (at + FRAME <= pcm.length) {
        decoder.decode(buf, packet.payloadOffset(), packet.payloadLength(), pcm, at);
      }
    }
    return pcm;
  }

  private static double rms(short[] x) {
    double sum = 0;
    for (short v : x) {
      sum += (double) v * v;
    }
    return Math.sqrt(sum / x.length);
  }

  /** The highest normalised cross-correlation of {@code y} against {@code x} for lags 0..maxLag; {value, lag}. */
  static double[] bestCorrelation(short[] x, short[] y, int maxLag) {
    double best = -1;
    int bestLag = -1;
    int n = x.length - maxLag;
    for (int lag = 0; lag <= maxLag; lag++) {
      double xy = 0;
      double xx = 0;
      double yy = 0;
      for (int i = 0; i < n; i++) {
        double a = x[i];
        double b = y[i + lag];
        xy += a * b;
        xx += a * a;
        yy += b * b;
      }
      double c = xy / Math.sqrt(xx * yy + 1e-9);
      if (c > best) {
        best = c;
        bestLag = lag;
      }
    }
    return new double[] {best, bestLag};
  }

  private CallEvent waitForEvent(CallEventType type) throws Exception {
    waitFor(() -> events.stream().anyMatch(e -> e.type() == type));
    return events.stream().filter(e -> e.type() == type).findFirst().orElseThrow();
  }

  /** Awaits a condition the event loops make true; the bound only guards a broken test from hanging. */
  private static void waitFor(BooleanSupplier condition) {
    Awaitility.await().pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
        .atMost(Duration.ofSeconds(30)).until(condition::getAsBoolean);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
