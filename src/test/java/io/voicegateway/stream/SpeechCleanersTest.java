package io.voicegateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.StreamingConfig.Cleaning;
import io.voicegateway.config.StreamingConfig.NoiseSuppression;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Natives that do not load: streams go on uncleaned, and the library is not tried again for every stream. */
class SpeechCleanersTest {
  private static final Cleaning HIGH = new Cleaning(NoiseSuppression.HIGH, false);

  @Test
  void offMakesNoCleaner() {
    AtomicInteger made = new AtomicInteger();
    SpeechCleaners cleaners = new SpeechCleaners((c, rate) -> {
      made.incrementAndGet();
      return SpeechCleaner.NONE;
    });
    assertSame(SpeechCleaner.NONE, cleaners.open(Cleaning.OFF, 16000));
    assertEquals(0, made.get());
  }

  @Test
  void nativesThatFailToLoadLeaveStreamsUncleanedOnce() {
    AtomicInteger tried = new AtomicInteger();
    SpeechCleaners cleaners = new SpeechCleaners((c, rate) -> {
      tried.incrementAndGet();
      throw new UnsatisfiedLinkError("libpulse.so.0: cannot open shared object file");
    });
    assertFalse(cleaners.unavailable());
    assertSame(SpeechCleaner.NONE, cleaners.open(HIGH, 8000));
    assertTrue(cleaners.unavailable());
    assertSame(SpeechCleaner.NONE, cleaners.open(new Cleaning(NoiseSuppression.OFF, true), 16000));
    assertEquals(1, tried.get(), "a library that failed is not tried for every stream");
  }

  @Test
  void warmUpLoadsTheLibraryOnceAndSaysWhetherItWorks() {
    AtomicInteger made = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    SpeechCleaners working = new SpeechCleaners((c, rate) -> {
      made.incrementAndGet();
      return new SpeechCleaner() {
        @Override
        public boolean clean(short[] pcm, int n) {
          return true;
        }

        @Override
        public void close() {
          closed.incrementAndGet();
        }
      };
    });
    assertTrue(working.warmUp());
    assertEquals(1, made.get());
    assertEquals(1, closed.get(), "the probe frees its native state");
    SpeechCleaners broken = new SpeechCleaners((c, rate) -> {
      throw new UnsatisfiedLinkError("no libpulse");
    });
    assertFalse(broken.warmUp());
    assertTrue(broken.unavailable());
  }

  @Test
  void anUnsupportedRateIsLeftUncleanedWithoutBlamingTheLibrary() {
    SpeechCleaners cleaners = new SpeechCleaners((c, rate) -> {
      throw new AssertionError("not asked");
    });
    assertSame(SpeechCleaner.NONE, cleaners.open(HIGH, 12000));
    assertFalse(cleaners.unavailable());
  }

  @Test
  void theBindingsOwnLoadFailureCountsToo() {
    SpeechCleaners cleaners = new SpeechCleaners((c, rate) -> {
      throw new RuntimeException("Load library 'webrtc-java' failed");
    });
    assertSame(SpeechCleaner.NONE, cleaners.open(HIGH, 16000));
    assertTrue(cleaners.unavailable());
  }
}
