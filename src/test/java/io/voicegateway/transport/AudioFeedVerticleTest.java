package io.voicegateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.junit5.VertxExtension;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.MediaCommands.StreamStart;
import io.voicegateway.bus.MediaCommands.StreamStop;
import io.voicegateway.bus.PlaybackCommands;
import io.voicegateway.codec.CodecType;
import io.voicegateway.media.FeedFrame;
import io.voicegateway.media.LegConfig;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.TestMediaConfig;
import io.voicegateway.metrics.GatewayMetrics;
import io.voicegateway.testing.AudioMatch;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A voice-AI stream's loop on the bus, without the WebSocket: the consumer's one-leg feed of the caller's outbound
 * track (what the caller hears) carries, at the consumer's rate, the audio it sent to its playback.
 */
@ExtendWith(VertxExtension.class)
class AudioFeedVerticleTest {
  private static final String CALL = "0f8fad5b-d9cb-469f-a165-70867728950e";
  private static final String LEG = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private EventBus bus;
  private final CopyOnWriteArrayList<byte[]> frames = new CopyOnWriteArrayList<>();

  private String mixer;
  private MediaEngine engine;

  /** The mixer's timer stops before Vert.x closes its pool, so no tick is left queued on a closed pool. */
  @AfterEach
  void stopMixer(Vertx vertx) throws Exception {
    BusCalls.await(vertx.undeploy(mixer));
  }

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    BusCodecs.registerAll(vertx);
    bus = vertx.eventBus();
    engine = TestMediaConfig.engine(42300, 42310);
    engine.openLeg(CALL, LEG, 0);
    engine.startLeg(LEG, new LegConfig(CodecType.PCMU, 0, 101, 20, true, true), null, 0);
    MediaTransport transport = new MediaTransport(engine, TestMediaConfig.gateway(42300, 42310).media(),
        GatewayMetrics.detached(), Clock.systemUTC());
    mixer = BusCalls.await(vertx.deployVerticle(new MixerVerticle(engine, 0, 1), new DeploymentOptions()
        .setThreadingModel(ThreadingModel.WORKER).setWorkerPoolName("media").setWorkerPoolSize(1)));
    BusCalls.await(vertx.deployVerticle(new AudioFeedVerticle(transport)));
    BusCalls.await(vertx.deployVerticle(new PlaybackVerticle(engine)));
    BusCalls.await(bus.<Buffer>consumer("vg.test.heard", m -> frames.add(m.body().getBytes())).completion());
  }

  private <T> T request(String address, Object body) throws Exception {
    return BusCalls.request(bus, address, body);
  }

  private int failure(String address, Object body) throws Exception {
    return BusCalls.failure(bus, address, body);
  }

  @Test
  void theOutboundTrackCarriesWhatTheConsumerPlayedAtItsOwnRate() throws Exception {
    assertTrue(this.<Boolean>request(Addresses.MEDIA_STREAM_START,
        new StreamStart(CALL, "vg.test.heard", LEG, 8000, StreamStart.OUTBOUND)));
    request(Addresses.PLAYBACK_OPEN, new PlaybackCommands.Open(CALL, "bot", 8000, 10_000));
    short[] sent = PlaybackVerticleTest.syllables(8000, 3, 5);
    Buffer audio = Buffer.buffer();
    for (short s : sent) {
      audio.appendShortLE(s);
    }
    int before = frames.size();
    bus.send(Addresses.playback("bot"), audio);
    request(Addresses.PLAYBACK_MARK, new PlaybackCommands.Mark("bot", "done"));
    CopyOnWriteArrayList<Object> events = new CopyOnWriteArrayList<>();
    bus.consumer(Addresses.PLAYBACK_EVENTS, m -> events.add(m.body()));
    Awaitility.await().atMost(WAIT).until(() -> events.contains(new PlaybackCommands.MarkPlayed(CALL, "bot", "done")));
    assertTrue(this.<Boolean>request(Addresses.MEDIA_STREAM_STOP, new StreamStop(CALL, "vg.test.heard")));

    short[] heard = new short[(frames.size() - before) * 160];
    for (int f = before; f < frames.size(); f++) {
      byte[] m = frames.get(f);
      assertEquals(8000, FeedFrame.sampleRate(m));
      assertEquals(java.util.UUID.fromString(LEG), FeedFrame.legId(m));
      System.arraycopy(FeedFrame.samples(m), 0, heard, (f - before) * 160, 160);
    }
    AudioMatch.Result match = AudioMatch.align(sent, heard, 8000, 200, 1_000);
    System.out.println("outbound track at 8 kHz against what was played: " + match);
    assertTrue(match.medianCorrelation() >= 0.9, match.toString());
  }

  @Test
  void theArrivalTrackOfTheCallsFirstLegCarriesEachPacketAsItCame(Vertx vertx) throws Exception {
    CopyOnWriteArrayList<byte[]> arrived = new CopyOnWriteArrayList<>();
    BusCalls.await(bus.<Buffer>consumer("vg.test.arrival", m -> arrived.add(m.body().getBytes())).completion());
    assertTrue(this.<Boolean>request(Addresses.MEDIA_STREAM_START,
        new StreamStart(CALL, "vg.test.arrival", null, 0, StreamStart.ARRIVAL_MULAW)), "no leg id: the first leg");
    byte[] payload = new byte[160];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 7 + 0x7f);
    }
    byte[] wire = new byte[12 + payload.length];
    io.voicegateway.media.rtp.RtpPacket.writeHeader(wire, 0, false, 0, 1, 160, 0x5eed);
    System.arraycopy(payload, 0, wire, 12, payload.length);
    io.voicegateway.media.rtp.RtpPacket packet = new io.voicegateway.media.rtp.RtpPacket();
    assertTrue(packet.parse(wire, 0, wire.length));
    vertx.runOnContext(v -> engine.leg(LEG).onRtp(packet, 0)); // as the leg's RTP event loop would
    Awaitility.await().atMost(WAIT).until(() -> arrived.size() == 1);
    byte[] m = arrived.get(0);
    assertEquals(8000, FeedFrame.sampleRate(m));
    assertEquals(java.util.UUID.fromString(LEG), FeedFrame.legId(m));
    assertEquals(payload.length, m.length - FeedFrame.HEADER);
    assertTrue(java.util.Arrays.equals(payload, java.util.Arrays.copyOfRange(m, FeedFrame.HEADER, m.length)),
        "a PCMU caller's bytes reach a mu-law consumer untouched");
    assertTrue(this.<Boolean>request(Addresses.MEDIA_STREAM_STOP, new StreamStop(CALL, "vg.test.arrival")));
    assertEquals(0, engine.leg(LEG).arrivalTaps().length);
  }

  @Test
  void arrivalFeedsAnswerBadRequests() throws Exception {
    assertEquals(400, failure(Addresses.MEDIA_STREAM_START,
        new StreamStart(CALL, "a", null, 16000, StreamStart.ARRIVAL_MULAW)));
    assertEquals(404, failure(Addresses.MEDIA_STREAM_START,
        new StreamStart("no-such-call", "a", null, 16000, StreamStart.ARRIVAL)));
    assertEquals(404, failure(Addresses.MEDIA_STREAM_START,
        new StreamStart(CALL, "a", "no-leg", 16000, StreamStart.ARRIVAL)));
    assertTrue(this.<Boolean>request(Addresses.MEDIA_STREAM_START, new StreamStart(CALL, "a", null, 16000,
        StreamStart.ARRIVAL)));
    assertTrue(this.<Boolean>request(Addresses.MEDIA_STREAM_START, new StreamStart(CALL, "b", null, 8000,
        StreamStart.ARRIVAL)), "two streams of one call each get the caller's arrivals");
    assertFalse(this.<Boolean>request(Addresses.MEDIA_STREAM_START, new StreamStart(CALL, "a", null, 8000,
        StreamStart.ARRIVAL)), "the address is taken");
  }

  @Test
  void oneLegFeedsAnswerBadRequests() throws Exception {
    assertEquals(400, failure(Addresses.MEDIA_STREAM_START, new StreamStart(CALL, "a", LEG, 8000, "sideways")));
    assertEquals(400, failure(Addresses.MEDIA_STREAM_START, new StreamStart(CALL, "a", LEG, 11025, null)));
    assertEquals(404, failure(Addresses.MEDIA_STREAM_START, new StreamStart(CALL, "a", "no-leg", 8000, null)));
    assertTrue(this.<Boolean>request(Addresses.MEDIA_STREAM_START, new StreamStart(CALL, "a", LEG, 16000, null)));
    assertFalse(this.<Boolean>request(Addresses.MEDIA_STREAM_START, new StreamStart(CALL, "b", LEG, 8000, null)));
    assertTrue(this.<Boolean>request(Addresses.MEDIA_STREAM_STOP, new StreamStop(CALL, "a")));
    assertFalse(this.<Boolean>request(Addresses.MEDIA_STREAM_STOP, new StreamStop(CALL, "a")));
  }
}
