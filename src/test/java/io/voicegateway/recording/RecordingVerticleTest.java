package io.voicegateway.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.voicegateway.apps.audio.WavWriter;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.RecordingCommands;
import io.voicegateway.media.AudioTap;
import io.voicegateway.media.CallRecorder;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.MixerLeg;
import io.voicegateway.media.TestMediaConfig;
import io.voicegateway.testing.Wav;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder verticle over a real engine, with the mixer's part played by the test: frames in, a WAV out. */
class RecordingVerticleTest {
  private static final Clock DAY = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final MediaEngine engine = TestMediaConfig.engine(31000, 31099);

  @BeforeEach
  void start() throws Exception {
    BusCodecs.registerAll(vertx);
    // A file a killed gateway left: flushed empty, then a second of audio the header does not count.
    WavWriter killed = WavWriter.create(dir.resolve("2026-12-02/old.wav"), 16000, 2);
    killed.write(new short[32000], 16000);
    vertx.deployVerticle(new RecordingVerticle(engine, dir, DAY)).await(20, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  private <T> T ask(String address, Object body) throws Exception {
    return vertx.eventBus().<T>request(address, body).await(20, TimeUnit.SECONDS).body();
  }

  private int failure(String address, Object body) throws Exception {
    Future<Object> f = vertx.eventBus().request(address, body).map(m -> m.body());
    Throwable err = f.toCompletionStage().handle((ok, e) -> e).toCompletableFuture().get(20, TimeUnit.SECONDS);
    return ((ReplyException) err).failureCode();
  }

  /** What the mixer does for one 20 ms frame: the legs' taps, then the push that closes the frame. */
  private static void frame(CallRecorder recorder, int caller, int other) {
    short[] a = new short[AudioTap.FRAME];
    short[] b = new short[AudioTap.FRAME];
    Arrays.fill(a, (short) caller);
    Arrays.fill(b, (short) other);
    recorder.tapFor("a").onAudio("a", a, a.length);
    recorder.tapFor("b").onAudio("b", b, b.length);
    recorder.push(new float[MixerLeg.FRAME]);
  }

  @Test
  void killedFilesAreMendedOnStart() throws Exception {
    assertEquals(44 + 64000, Files.size(dir.resolve("2026-12-02/old.wav")));
    assertEquals(16000 * 2, Wav.read(dir.resolve("2026-12-02/old.wav")).samples().length);
    try (RandomAccessFile f = new RandomAccessFile(dir.resolve("2026-12-02/old.wav").toFile(), "r")) {
      f.seek(40);
      assertEquals(64000, Integer.reverseBytes(f.readInt()), "the data size covers the unflushed second");
    }
  }

  @Test
  void aCallIsRecordedCallerLeftIntoItsDaysFolderPausedAndFinished() throws Exception {
    engine.openLeg("call-1", "a", 0);
    engine.openLeg("call-1", "b", 0);
    RecordingCommands.Started started = ask(Addresses.MEDIA_RECORDING_START,
        new RecordingCommands.Start("call-1", "a"));
    assertEquals(dir.resolve("2026-12-03/call-1.wav").toString(), started.path());
    assertFalse(started.resumed());
    assertEquals(409, failure(Addresses.MEDIA_RECORDING_START, new RecordingCommands.Start("call-1", "a")));
    assertEquals(404, failure(Addresses.MEDIA_RECORDING_START, new RecordingCommands.Start("nobody", "x")));
    assertEquals(404, failure(Addresses.MEDIA_RECORDING_STOP, new RecordingCommands.Stop("nobody", true)));

    CallRecorder recorder = engine.recorder("call-1");
    assertNotNull(recorder);
    for (int i = 0; i < 50; i++) {
      frame(recorder, 100, 200);
    }
    ask(Addresses.MEDIA_RECORDING_STOP, new RecordingCommands.Stop("call-1", false)); // paused
    frame(recorder, 7, 7); // not recorded
    RecordingCommands.Started resumed = ask(Addresses.MEDIA_RECORDING_START,
        new RecordingCommands.Start("call-1", "a"));
    assertTrue(resumed.resumed());
    assertEquals(started.path(), resumed.path());
    for (int i = 0; i < 25; i++) {
      frame(recorder, -300, 400);
    }
    RecordingCommands.Stopped stopped = ask(Addresses.MEDIA_RECORDING_STOP, new RecordingCommands.Stop("call-1", true));
    assertEquals(1500, stopped.durationMs());
    assertTrue(recorder.closed());
    assertEquals(null, engine.recorder("call-1"));

    Wav wav = Wav.read(Path.of(stopped.path()));
    assertEquals(16000, wav.sampleRate());
    assertEquals(2, wav.channels());
    short[] s = wav.samples();
    assertEquals(75 * 320 * 2, s.length);
    assertEquals(100, s[0]);
    assertEquals(200, s[1]);
    assertEquals(-300, s[s.length - 2]);
    assertEquals(400, s[s.length - 1]);
  }
}
