package io.voicegateway.sip.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RegistrationScheduleTest {
  private final RegistrationSchedule schedule = new RegistrationSchedule(2_000, 60_000);

  @Test
  void refreshesAtHalfOfALongExpiry() {
    assertEquals(1_800_000, schedule.refreshDelayMs(3600));
  }

  @Test
  void refreshesThirtySecondsBeforeLapseWhenThatIsSooner() {
    assertEquals(30_000, schedule.refreshDelayMs(60));
    assertEquals(15_000, schedule.refreshDelayMs(45)); // 45 − 30 = 15 s is sooner than 22.5 s
  }

  @Test
  void refreshesAtHalfWhenTheExpiryIsShorterThanTheMargin() {
    assertEquals(2_000, schedule.refreshDelayMs(4));
    assertEquals(15_000, schedule.refreshDelayMs(30));
  }

  @Test
  void neverSchedulesARefreshAtZero() {
    assertEquals(1, schedule.refreshDelayMs(0));
    assertEquals(1, schedule.refreshDelayMs(-5));
  }

  @Test
  void backOffDoublesUpToTheCap() {
    long[] delays = new long[8];
    for (int i = 0; i < delays.length; i++) {
      delays[i] = schedule.failed();
    }
    assertEquals(2_000, delays[0]);
    assertEquals(4_000, delays[1]);
    assertEquals(8_000, delays[2]);
    assertEquals(16_000, delays[3]);
    assertEquals(32_000, delays[4]);
    assertEquals(60_000, delays[5]);
    assertEquals(60_000, delays[7]);
    assertEquals(8, schedule.failures());
  }

  @Test
  void aLongOutageStaysAtTheCap() {
    long last = 0;
    for (int i = 0; i < 200; i++) {
      last = schedule.failed();
    }
    assertEquals(60_000, last);
  }

  @Test
  void successResetsTheBackOff() {
    schedule.failed();
    schedule.failed();
    schedule.failed();
    schedule.succeeded();
    assertEquals(0, schedule.failures());
    assertEquals(2_000, schedule.failed());
  }

  @Test
  void rejectsAnInvertedRange() {
    assertThrows(IllegalArgumentException.class, () -> new RegistrationSchedule(10, 5));
    assertThrows(IllegalArgumentException.class, () -> new RegistrationSchedule(0, 5));
  }
}
