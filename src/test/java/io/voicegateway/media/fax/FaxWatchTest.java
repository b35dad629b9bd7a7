package io.voicegateway.media.fax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.media.Allocations;
import io.voicegateway.media.codec.G711;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A leg's fax watch runs the tone detector until the leg has carried its limit of speech: then it stops (a later
 * tone is not heard), while silence and the tones themselves never use up the limit.
 */
class FaxWatchTest {
  private final Random random = new Random(5);
  private double phase;
  private int seq;

  /** 20 ms of a voice-like signal (a gliding 120–220 Hz fundamental with harmonics, some noise), μ-law. */
  private byte[] speech() {
    byte[] out = new byte[160];
    for (int i = 0; i < 160; i++) {
      phase += 2 * Math.PI * (170 + 50 * Math.sin(phase / 700)) / 8000;
      double v = 5000 * Math.sin(phase) + 2500 * Math.sin(3 * phase) + 300 * random.nextGaussian();
      out[i] = G711.ulawEncode((short) v);
    }
    return out;
  }

  private static byte[] ced(int packet) {
    byte[] out = new byte[160];
    for (int i = 0; i < 160; i++) {
      out[i] = G711.ulawEncode((short) Math.round(6000 * Math.sin(2 * Math.PI * 2100 * (packet * 160 + i) / 8000.0)));
    }
    return out;
  }

  private void feed(FaxWatch watch, byte[] payload) {
    watch.onPacket(0, 1, seq++ & 0xffff, seq * 160L, payload, 0, payload.length);
  }

  private void cedFor(FaxWatch watch, int packets) {
    for (int p = 0; p < packets; p++) {
      feed(watch, ced(p));
    }
  }

  @Test
  void stopsAfterItsLimitOfSpeechAndThenHearsNoTone() {
    FaxWatch watch = new FaxWatch(0, false, 2_000);
    for (int p = 0; p < 99; p++) {
      feed(watch, speech());
    }
    assertTrue(watch.watching(), "1.98 s of speech is under the 2 s limit");
    feed(watch, speech());
    assertFalse(watch.watching(), "stopped at 2 s of speech");
    cedFor(watch, 75);
    assertNull(watch.tone(), "a stopped watch hears no tone");
  }

  @Test
  void aToneWithinTheLimitIsHeard() {
    FaxWatch watch = new FaxWatch(0, false, 2_000);
    for (int p = 0; p < 90; p++) {
      feed(watch, speech());
    }
    cedFor(watch, 75);
    assertEquals(FaxTone.CED, watch.tone());
  }

  @Test
  void silenceAndTonesDoNotUseUpTheLimit() {
    FaxWatch watch = new FaxWatch(0, false, 200);
    byte[] silence = new byte[160];
    java.util.Arrays.fill(silence, G711.ulawEncode((short) 0));
    for (int p = 0; p < 3_000; p++) { // a minute with nobody talking: the fax machine is yet to be started
      feed(watch, silence);
    }
    assertTrue(watch.watching());
    cedFor(watch, 75);
    assertEquals(FaxTone.CED, watch.tone());
  }

  @Test
  void theDefaultLimitIsTenSecondsOfSpeech() {
    FaxWatch watch = new FaxWatch(0, false);
    for (int p = 0; p < 499; p++) {
      feed(watch, speech());
    }
    assertTrue(watch.watching());
    feed(watch, speech());
    assertFalse(watch.watching());
  }

  @Test
  void theCallsSwitchCanStopIt() {
    FaxWatch watch = new FaxWatch(0, false);
    watch.stopWatching();
    cedFor(watch, 75);
    assertNull(watch.tone());
  }

  @Test
  void aLimitMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new FaxWatch(0, false, 0));
  }

  @Test
  void watchingAndStoppedAllocateNothing() {
    FaxWatch watching = new FaxWatch(0, false, Integer.MAX_VALUE);
    FaxWatch stopped = new FaxWatch(0, false, 20);
    byte[] payload = speech();
    feed(stopped, payload);
    assertFalse(stopped.watching());
    long whileWatching = Allocations.measure(() -> feed(watching, payload), 5_000, 5_000);
    long onceStopped = Allocations.measure(() -> feed(stopped, payload), 5_000, 5_000);
    assertTrue(watching.watching());
    assertEquals(0, whileWatching / 5_000, "per packet while watching");
    assertEquals(0, onceStopped / 5_000, "per packet once stopped");
  }
}
