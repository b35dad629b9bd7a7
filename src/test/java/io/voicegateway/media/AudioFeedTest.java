package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The audio feed's messages: header layout, samples at each output rate, no allocation, start/stop. */
class AudioFeedTest {
  private static final String CALL = "0f8fad5b-d9cb-469f-a165-70867728950e";
  private static final String LEG = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

  private final List<byte[]> published = new ArrayList<>();
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

  private AudioFeed feed(int rate) {
    return new AudioFeed(CALL, rate, (frame, length) -> published.add(Arrays.copyOf(frame, length)), clock::get);
  }

  @Test
  void eachFrameIsTheFixedHeaderThenTheSamplesLittleEndian() {
    AudioTap tap = feed(16000).tapFor(LEG);
    short[] pcm = new short[AudioTap.FRAME];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) (i * 97 - 15000);
    }
    for (int f = 0; f < 3; f++) {
      tap.onAudio(LEG, pcm, pcm.length);
      clock.addAndGet(20);
    }

    assertEquals(3, published.size());
    byte[] m = published.get(2);
    assertEquals(FeedFrame.HEADER + 2 * 320, m.length);
    assertEquals(1, m[0]);
    assertEquals(48, m[1]);
    assertEquals(16000, FeedFrame.sampleRate(m));
    assertEquals(UUID.fromString(CALL), FeedFrame.callId(m));
    assertEquals(UUID.fromString(LEG), FeedFrame.legId(m));
    assertEquals(2, FeedFrame.sequence(m));
    assertEquals(1_700_000_000_040L, FeedFrame.timestampMs(m));
    assertArrayEquals(pcm, FeedFrame.samples(m));
    assertEquals((byte) 0x68, m[48], "first sample -15000 = 0xC568, low byte first");
    assertEquals((byte) 0xc5, m[49]);
    assertEquals(0x0f, m[4] & 0xff, "call id most significant byte first");
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000, 48000})
  void aToneKeepsItsPitchAtEveryOutputRate(int rate) {
    AudioTap tap = feed(rate).tapFor(LEG);
    short[] tone = SignalMetrics.tone(1000, 16000, 320 * 50, 0.5);
    for (int f = 0; f < 50; f++) {
      tap.onAudio(LEG, Arrays.copyOfRange(tone, f * 320, (f + 1) * 320), 320);
    }
    int n = rate / 50;
    float[] out = new float[n * 50];
    for (int f = 0; f < 50; f++) {
      short[] samples = FeedFrame.samples(published.get(f));
      assertEquals(n, samples.length, "20 ms per message at " + rate);
      Pcm.toFloat(samples, 0, out, f * n, n);
    }
    assertEquals(1000, ToneAnalysis.peakHz(out, n * 10, out.length, rate, 5), 10);
    assertTrue(ToneAnalysis.snrDb(out, n * 10, out.length, 1000, rate) > 30);
  }

  @ParameterizedTest
  @ValueSource(ints = {16000, 48000})
  void aFrameAllocatesNothingBeyondWhatTheSinkDoes(int rate) {
    AudioTap tap = new AudioFeed(CALL, rate, (frame, length) -> { }, clock::get).tapFor(LEG);
    short[] pcm = SignalMetrics.tone(440, 16000, 320, 0.3);
    assertEquals(0, Allocations.measure(() -> tap.onAudio(LEG, pcm, 320), 20_000, 1000));
  }

  @Test
  void nonUuidIdsGetANameBasedUuid() {
    feed(16000).tapFor("leg-1").onAudio("leg-1", new short[320], 320);
    assertEquals(FeedFrame.uuidOf("leg-1"), FeedFrame.legId(published.get(0)));
  }

  @Test
  void theEngineTapsTheCallsLegsNowAndLaterUntilTheFeedStops() {
    MediaEngine engine = TestMediaConfig.engine(30000, 30099);
    LegMedia first = engine.openLeg(CALL, "a", 0);
    AudioFeed feed = feed(16000);
    assertTrue(engine.startFeed(feed));
    assertFalse(engine.startFeed(feed(16000)), "one feed per call");
    LegMedia later = engine.openLeg(CALL, "b", 0);
    LegMedia otherCall = engine.openLeg("another-call", "c", 0);
    assertNotNull(first.tap());
    assertNotNull(later.tap());
    assertNull(otherCall.tap());

    AudioTap tap = later.tap();
    assertTrue(engine.stopFeed(CALL));
    assertFalse(engine.stopFeed(CALL));
    assertNull(first.tap());
    assertNull(later.tap());
    tap.onAudio("b", new short[320], 320); // a frame the mixer was already producing
    assertTrue(published.isEmpty(), "nothing is published after the stop");
  }
}
