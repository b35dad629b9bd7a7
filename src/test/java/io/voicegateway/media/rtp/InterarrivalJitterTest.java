package io.voicegateway.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The A.8 estimator as the jitter buffer uses it: seeded, and not differenced across a pause. */
class InterarrivalJitterTest {
  private static final long MS = 1_000_000L;

  @Test
  void aSeedDecaysTowardWhatIsMeasured() {
    InterarrivalJitter j = new InterarrivalJitter(8000);
    j.reset(20);
    assertEquals(20, j.ms(), 1e-9);
    assertEquals(160, j.units(), 1e-9);
    for (int i = 0; i < 200; i++) {
      j.update(i * 20 * MS, 160L * i); // perfectly regular: D = 0
    }
    assertEquals(20 * Math.pow(15 / 16.0, 199), j.ms(), 1e-9, "each regular packet takes 1/16 off");
  }

  @Test
  void afterARestartThePauseIsNotCountedAsJitter() {
    InterarrivalJitter j = new InterarrivalJitter(8000);
    j.update(0, 0);
    j.update(20 * MS, 160);
    j.restart();
    j.update(5_000 * MS, 320); // 5 s of silence with the timestamp barely moved (DTX)
    assertEquals(0, j.units(), 1e-9);
    j.update(5_020 * MS, 480);
    assertEquals(0, j.units(), 1e-9);
  }

  @Test
  void refusesAClockRateOfZero() {
    assertThrows(IllegalArgumentException.class, () -> new InterarrivalJitter(0));
  }
}
