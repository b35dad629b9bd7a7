package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.codec.CodecType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One consumer's feed of one leg (issue 12): the outbound track is what the leg is sent, at the consumer's rate. */
class LegTrackFeedTest {
  private static final String CALL = "0f8fad5b-d9cb-469f-a165-70867728950e";
  private static final String LEG = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

  private final List<byte[]> published = new ArrayList<>();
  private final MediaEngine engine = TestMediaConfig.engine(42000, 42010);

  private AudioFeed feed(int rate) {
    return new AudioFeed(CALL, rate, (frame, length) -> published.add(Arrays.copyOf(frame, length)), () -> 7L);
  }

  private LegMedia startedLeg() {
    engine.openLeg(CALL, LEG, 0);
    return engine.startLeg(LEG, new LegConfig(CodecType.PCMU, 0, 101, 20, true, true), null, 0);
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000})
  void theOutboundTrackIsTheMixTheLegHearsAtTheConsumersRate(int rate) {
    LegMedia leg = startedLeg();
    assertTrue(engine.startLegFeed("vg.test.out", feed(rate), LEG, true));
    float[] tone = SignalMetrics.toneFloat(440, 48000, MixerLeg.FRAME * 25, 0.5);
    for (int f = 0; f < 25; f++) {
      leg.push(Arrays.copyOfRange(tone, f * MixerLeg.FRAME, (f + 1) * MixerLeg.FRAME));
    }
    assertEquals(25, published.size());
    int n = rate / 50;
    float[] out = new float[n * 25];
    for (int f = 0; f < 25; f++) {
      byte[] m = published.get(f);
      assertEquals(rate, FeedFrame.sampleRate(m));
      assertEquals(UUID.fromString(LEG), FeedFrame.legId(m));
      assertEquals(f, FeedFrame.sequence(m));
      Pcm.toFloat(FeedFrame.samples(m), 0, out, f * n, n);
    }
    assertEquals(440, ToneAnalysis.peakHz(out, n * 5, out.length, rate, 5), 10);
    assertTrue(ToneAnalysis.snrDb(out, n * 5, out.length, 440, rate) > 30);
  }

  @Test
  void oneConsumerPerTrackAndLegAndStoppingDetaches() {
    LegMedia leg = startedLeg();
    assertTrue(engine.startLegFeed("a.in", feed(8000), LEG, false));
    assertTrue(engine.startLegFeed("a.out", feed(8000), LEG, true));
    assertFalse(engine.startLegFeed("b.in", feed(8000), LEG, false), "the leg's inbound track is taken");
    assertFalse(engine.startLegFeed("a.in", feed(8000), LEG, true), "the address is taken");
    assertTrue(engine.stopLegFeed("a.out"));
    assertEquals(null, leg.heardTap());
    leg.push(new float[MixerLeg.FRAME]);
    assertEquals(0, published.size());
    assertFalse(engine.stopLegFeed("a.out"));
    engine.closeLeg(LEG);
    assertFalse(engine.stopLegFeed("a.in"), "the leg's end forgets its feeds");
  }

  @Test
  void anUnknownLegIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> engine.startLegFeed("x", feed(8000), "nope", false));
  }
}
