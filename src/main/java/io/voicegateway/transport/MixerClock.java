package io.voicegateway.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The mixer's clock: a thread of its own that wakes every period and hands one tick to the mixer's context (issue 13).
 *
 * <p>A Vert.x timer, even one set from a worker verticle, fires on an event loop, and the event loops are the ones
 * that read every RTP socket: with 250 bridged calls on two cores a loop busy with a burst of datagrams held the
 * mixers' timers back past 100 ms, and whole partitions skipped frames, depending only on which loop the start-up's
 * deployment order had given them. This thread does nothing but sleep until the next period, so a tick is late only
 * when no core is free at all. At most one tick runs and one waits behind it: a tick that overran its period is
 * followed at once by the next (as a Vert.x periodic timer would), and after a stall the mixer catches up by its own
 * frame clock, not by a burst of queued ticks.
 */
final class MixerClock {
  private final Thread thread;
  /** Ticks handed over and not yet finished: one running, one waiting behind it at most. */
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean running = true;

  /**
   * @param tickOnContext hands the tick it is given to the mixer's context (the verticle's worker pool)
   */
  private MixerClock(String name, long periodNanos, Consumer<Runnable> tickOnContext,
      Runnable tick) {
    Runnable once = () -> {
      try {
        tick.run();
      } finally {
        inFlight.decrementAndGet();
      }
    };
    thread = new Thread(() -> run(periodNanos, tickOnContext, once), name);
    thread.setDaemon(true);
  }

  /** Starts a clock that hands {@code tick} to {@code tickOnContext} every {@code periodMs}. */
  static MixerClock start(String name, long periodMs, Consumer<Runnable> tickOnContext,
      Runnable tick) {
    MixerClock clock = new MixerClock(name, TimeUnit.MILLISECONDS.toNanos(periodMs), tickOnContext, tick);
    clock.thread.start();
    return clock;
  }

  private void run(long period, Consumer<Runnable> tickOnContext, Runnable once) {
    long next = System.nanoTime() + period;
    while (running) {
      long now = System.nanoTime();
      if (now < next) {
        LockSupport.parkNanos(next - now);
        continue;
      }
      // the next period from the one due, or from now after a stall (no burst of wake-ups to catch up)
      next = Math.max(next + period, now + period / 2);
      if (inFlight.get() < 2) {
        inFlight.incrementAndGet();
        try {
          tickOnContext.accept(once);
        } catch (RuntimeException e) { // the context is closing (undeploy, shutdown): stop with it
          inFlight.decrementAndGet();
          running = false;
        }
      }
    }
  }

  /** Stops the clock; a tick already handed over still runs. */
  void stop() {
    running = false;
    LockSupport.unpark(thread);
  }
}
