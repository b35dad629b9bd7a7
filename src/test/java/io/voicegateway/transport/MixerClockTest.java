package io.voicegateway.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MixerClockTest {

  /** The mixer's context stands still: ticks handed over pile up here until the test runs them. */
  private final ConcurrentLinkedQueue<Runnable> handedOver = new ConcurrentLinkedQueue<>();
  private final AtomicInteger ticks = new AtomicInteger();

  @Test
  void handsOverTicksAndKeepsAtMostOneWaitingBehindTheRunningOne() {
    MixerClock clock = MixerClock.start("mixer-clock-test", 1, handedOver::add, ticks::incrementAndGet);
    try {
      // a stalled context: the clock hands over two ticks (one "running", one waiting) and then holds back
      await().atMost(Duration.ofSeconds(10)).until(() -> handedOver.size() == 2);
      handedOver.poll().run();
      assertEquals(1, ticks.get());
      // one finished: room for exactly one more
      await().atMost(Duration.ofSeconds(10)).until(() -> handedOver.size() == 2);
      handedOver.poll().run();
      handedOver.poll().run();
      assertEquals(3, ticks.get());
      await().atMost(Duration.ofSeconds(10)).until(() -> handedOver.size() == 2);
    } finally {
      clock.stop();
    }
  }

  @Test
  void stopsWhenTheContextRefusesTheTick() {
    AtomicInteger offered = new AtomicInteger();
    MixerClock clock = MixerClock.start("mixer-clock-closing", 1, tick -> {
      offered.incrementAndGet();
      throw new RejectedExecutionException("closed");
    }, ticks::incrementAndGet);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> offered.get() == 1);
      // the clock thread ends after the refusal; its thread name is gone from the live threads
      await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
          .noneMatch(t -> t.getName().equals("mixer-clock-closing")));
      assertEquals(1, offered.get());
      assertEquals(0, ticks.get());
    } finally {
      clock.stop();
    }
  }
}
