package io.voicegateway.media;

import static io.voicegateway.media.MediaWatchdog.Change.LOST;
import static io.voicegateway.media.MediaWatchdog.Change.NONE;
import static io.voicegateway.media.MediaWatchdog.Change.STARTED;
import static io.voicegateway.media.MediaWatchdog.Change.STOPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MediaWatchdogTest {
  private static final long S = 1_000_000_000L;
  private final MediaWatchdog dog = new MediaWatchdog(5 * S, 10 * S, 0);

  @Test
  void stopsAfterRtpTimeoutRestartsOnMediaAndIsLostAfterReconnectionTimeout() {
    assertEquals(STARTED, dog.onPacket(1 * S));
    assertEquals(NONE, dog.onPacket(2 * S));
    assertEquals(NONE, dog.check(6 * S, true));
    assertEquals(STOPPED, dog.check(7 * S, true));
    assertEquals(NONE, dog.check(8 * S, true), "reported once");
    assertEquals(STARTED, dog.onPacket(9 * S), "media back");
    assertEquals(STOPPED, dog.check(14 * S, true));
    assertEquals(NONE, dog.check(23 * S, true));
    assertEquals(LOST, dog.check(24 * S, true));
    assertEquals(NONE, dog.check(40 * S, true), "lost is final");
    assertEquals(NONE, dog.onPacket(41 * S));
  }

  @Test
  void aLegThatNeverSendsIsStoppedThenLost() {
    assertEquals(NONE, dog.check(4 * S, true));
    assertEquals(STOPPED, dog.check(5 * S, true));
    assertEquals(LOST, dog.check(15 * S, true));
  }

  @Test
  void holdSuspendsTheClock() {
    dog.onPacket(1 * S);
    assertEquals(NONE, dog.check(100 * S, false));
    assertEquals(NONE, dog.check(104 * S, true), "the timeout counts from the resume");
    assertEquals(STOPPED, dog.check(105 * S, true));
  }
}
