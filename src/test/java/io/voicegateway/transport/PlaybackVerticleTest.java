package io.voicegateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.PlaybackCommands;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.MixerLeg;
import io.voicegateway.media.Pcm;
import io.voicegateway.media.TestMediaConfig;
import io.voicegateway.testing.AudioMatch;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bus side of the back channel against the real engine and a mixer verticle on the media pool: audio sent to
 * a playback's address is heard by the other party of the call (correlated with what was sent), marks come back
 * when played, clear silences it, and errors carry their status.
 */
@ExtendWith(VertxExtension.class)
class PlaybackVerticleTest {
  private static final String CALL = "call-1";
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** The caller: says nothing, keeps everything it hears as 16-bit samples at 48 kHz. */
  private static final class Caller implements MixerLeg {
    private final short[] heard = new short[48000 * 20];
    private volatile int length;
    private final short[] frame = new short[FRAME];

    @Override
    public float[] pull() {
      return null;
    }

    @Override
    public void push(float[] mix) {
      Pcm.toShort(mix, 0, frame, 0, FRAME);
      if (length + FRAME <= heard.length) {
        System.arraycopy(frame, 0, heard, length, FRAME);
        length += FRAME;
      }
    }

    @Override
    public boolean listening() {
      return true;
    }

    short[] heardSoFar() {
      return java.util.Arrays.copyOf(heard, length);
    }
  }

  private final Caller caller = new Caller();
  private final List<Object> events = new CopyOnWriteArrayList<>();
  private MediaEngine engine;
  private EventBus bus;

  private String mixer;

  /** The mixer's timer stops before Vert.x closes its pool, so no tick is left queued on a closed pool. */
  @AfterEach
  void stopMixer(Vertx vertx) throws Exception {
    BusCalls.await(vertx.undeploy(mixer));
  }

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    BusCodecs.registerAll(vertx);
    bus = vertx.eventBus();
    engine = TestMediaConfig.engine(42200, 42210);
    engine.attach(CALL, caller);
    bus.consumer(Addresses.PLAYBACK_EVENTS, m -> events.add(m.body()));
    mixer = BusCalls.await(vertx.deployVerticle(new MixerVerticle(engine, 0, 1), new DeploymentOptions()
        .setThreadingModel(ThreadingModel.WORKER).setWorkerPoolName("media").setWorkerPoolSize(1)));
    BusCalls.await(vertx.deployVerticle(new PlaybackVerticle(engine)));
  }

  private <T> T request(String address, Object body) throws Exception {
    return BusCalls.request(bus, address, body);
  }

  private int failure(String address, Object body) throws Exception {
    return BusCalls.failure(bus, address, body);
  }

  /** Speech-like test audio: 120 ms syllables of random pitch and loudness, with short pauses. */
  static short[] syllables(int rate, int seconds, long seed) {
    Random random = new Random(seed);
    short[] out = new short[rate * seconds];
    int syllable = rate * 120 / 1000;
    for (int start = 0; start + syllable <= out.length; start += syllable + rate * 40 / 1000) {
      double hz = 150 + random.nextInt(1500);
      double amplitude = 3000 + random.nextInt(9000);
      for (int i = 0; i < syllable; i++) {
        double envelope = Math.sin(Math.PI * i / syllable);
        out[start + i] = (short) (amplitude * envelope * (Math.sin(2 * Math.PI * hz * i / rate)
            + 0.5 * Math.sin(2 * Math.PI * 2.7 * hz * i / rate)));
      }
    }
    return out;
  }

  private static Buffer bytes(short[] pcm, int from, int to) {
    Buffer b = Buffer.buffer((to - from) * 2);
    for (int i = from; i < to; i++) {
      b.appendShortLE(pcm[i]);
    }
    return b;
  }

  @Test
  void audioSentToAPlaybackIsHeardByTheOtherPartyAndItsMarkComesBackWhenPlayed() throws Exception {
    assertEquals(new PlaybackCommands.Opened(CALL, "bot"),
        request(Addresses.PLAYBACK_OPEN, new PlaybackCommands.Open(CALL, "bot", 16000, 10_000)));
    short[] sent = syllables(16000, 3, 12);
    int heardBefore = caller.heardSoFar().length;
    for (int at = 0; at < sent.length; at += 1111) { // chunks of any size, all at once (faster than real time)
      bus.send(Addresses.playback("bot"), bytes(sent, at, Math.min(sent.length, at + 1111)));
    }
    request(Addresses.PLAYBACK_MARK, new PlaybackCommands.Mark("bot", "said"));
    Awaitility.await().atMost(WAIT).until(() -> events.contains(new PlaybackCommands.MarkPlayed(CALL, "bot", "said")));

    short[] heard48k = caller.heardSoFar();
    short[] heard = AudioMatch.resample(java.util.Arrays.copyOfRange(heard48k, heardBefore, heard48k.length),
        48000, 16000);
    AudioMatch.Result match = AudioMatch.align(sent, heard, 16000, 200, 1_000);
    System.out.println("playback heard by the caller: " + match);
    assertTrue(match.medianCorrelation() >= 0.9, match.toString());

    PlaybackCommands.Closed closed = request(Addresses.PLAYBACK_CLOSE, new PlaybackCommands.Close("bot"));
    assertEquals(150, closed.framesPlayed(), "3 s");
    assertEquals(0, closed.framesDropped());
  }

  @Test
  void clearStopsTheAudioAndNamesThePendingMarks() throws Exception {
    request(Addresses.PLAYBACK_OPEN, new PlaybackCommands.Open(CALL, "bot", 8000, 20_000));
    short[] sent = syllables(8000, 10, 3);
    bus.send(Addresses.playback("bot"), bytes(sent, 0, sent.length));
    request(Addresses.PLAYBACK_MARK, new PlaybackCommands.Mark("bot", "one"));
    request(Addresses.PLAYBACK_MARK, new PlaybackCommands.Mark("bot", "two"));
    int start = caller.heardSoFar().length;
    Awaitility.await().atMost(WAIT).until(() -> caller.heardSoFar().length > start + 10 * MixerLeg.FRAME);

    PlaybackCommands.Cleared cleared = request(Addresses.PLAYBACK_CLEAR, new PlaybackCommands.Clear("bot"));
    assertEquals(new PlaybackCommands.Cleared("bot", List.of("one", "two")), cleared);
    int afterClear = caller.heardSoFar().length;
    Awaitility.await().atMost(WAIT).until(() -> caller.heardSoFar().length >= afterClear + 5 * MixerLeg.FRAME);
    short[] heard = caller.heardSoFar();
    for (int i = afterClear + MixerLeg.FRAME; i < heard.length; i++) { // the frame mixed as the clear came may play
      assertEquals(0, heard[i], "silent after the clear, sample " + i);
    }
    assertTrue(events.stream().noneMatch(e -> e instanceof PlaybackCommands.MarkPlayed), "cleared, not played");
  }

  @Test
  void aPlaybackEndsWithItsCall() throws Exception {
    request(Addresses.PLAYBACK_OPEN, new PlaybackCommands.Open(CALL, "bot", 48000, 1_000));
    engine.closeCall(CALL);
    Awaitility.await().atMost(WAIT).until(() -> events.contains(new PlaybackCommands.Closed(CALL, "bot", 0, 0)));
    assertEquals(404, failure(Addresses.PLAYBACK_MARK, new PlaybackCommands.Mark("bot", "late")));
  }

  @Test
  void badRequestsCarryTheirStatus() throws Exception {
    assertEquals(404, failure(Addresses.PLAYBACK_OPEN, new PlaybackCommands.Open("no-call", "p", 8000, 1_000)));
    assertEquals(400, failure(Addresses.PLAYBACK_OPEN, new PlaybackCommands.Open(CALL, "p", 44100, 1_000)));
    assertEquals(400, failure(Addresses.PLAYBACK_OPEN, new PlaybackCommands.Open(CALL, "p", 8000, 0)));
    request(Addresses.PLAYBACK_OPEN, new PlaybackCommands.Open(CALL, "p", 8000, 1_000));
    assertEquals(409, failure(Addresses.PLAYBACK_OPEN, new PlaybackCommands.Open(CALL, "p", 16000, 1_000)));
    assertEquals(404, failure(Addresses.PLAYBACK_CLEAR, new PlaybackCommands.Clear("q")));
    assertEquals(404, failure(Addresses.PLAYBACK_CLOSE, new PlaybackCommands.Close("q")));
  }

  /** What a bridge client sends arrives as JSON objects and base64 strings; it is answered in JSON. */
  @Test
  void aBridgeClientDrivesAPlaybackInJson() throws Exception {
    JsonObject opened = request(Addresses.PLAYBACK_OPEN,
        new JsonObject().put("callId", CALL).put("playbackId", "web").put("sampleRate", 8000).put("maxQueuedMs", 5000));
    assertEquals(new JsonObject().put("callId", CALL).put("playbackId", "web"), opened);
    short[] sent = syllables(8000, 1, 9);
    bus.send(Addresses.playback("web"), Base64.getUrlEncoder().withoutPadding()
        .encodeToString(bytes(sent, 0, sent.length).getBytes())); // Vert.x's own binary form over JSON
    request(Addresses.PLAYBACK_MARK, new JsonObject().put("playbackId", "web").put("name", "m1"));
    Awaitility.await().atMost(WAIT).until(() -> events.contains(new PlaybackCommands.MarkPlayed(CALL, "web", "m1")));
    JsonObject cleared = request(Addresses.PLAYBACK_CLEAR, new JsonObject().put("playbackId", "web"));
    assertEquals(new JsonObject().put("playbackId", "web").put("pendingMarks", new JsonArray()), cleared);
    JsonObject closed = request(Addresses.PLAYBACK_CLOSE, new JsonObject().put("playbackId", "web"));
    assertEquals(50, closed.getLong("framesPlayed"));
    assertEquals(400, failure(Addresses.PLAYBACK_MARK, "not an object"));
  }
}
