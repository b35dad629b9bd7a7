package io.voicegateway.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The impairment proxy's decisions come out at the rates asked for, and within the delay bounds. */
class ImpairmentTest {
  @Test
  void ratesAndDelaysAreAsConfigured() {
    Impairment level = new Impairment(0.10, 100, 0.05, 0.05);
    Random random = new Random(7);
    int n = 100_000;
    int dropped = 0;
    int copies = 0;
    int late = 0;
    for (int i = 0; i < n; i++) {
      Impairment.Fate fate = level.decide(random);
      if (fate.dropped()) {
        dropped++;
        continue;
      }
      assertTrue(fate.delayMs() >= 0 && fate.delayMs() <= 100 + Impairment.REORDER_MS, fate.toString());
      if (fate.delayMs() > 100) {
        late++;
      }
      if (fate.copyDelayMs() >= 0) {
        copies++;
        assertTrue(fate.copyDelayMs() >= fate.delayMs() && fate.copyDelayMs() <= fate.delayMs() + 20);
      }
    }
    assertEquals(0.10, dropped / (double) n, 0.005);
    assertEquals(0.05 * 0.9, copies / (double) n, 0.004);
    assertTrue(late > 0, "some reordered packets are held beyond the jitter");
  }

  @Test
  void noImpairmentPassesEverythingAtOnce() {
    Random random = new Random(1);
    for (int i = 0; i < 1000; i++) {
      assertEquals(new Impairment.Fate(false, 0, -1), Impairment.NONE.decide(random));
    }
  }
}
