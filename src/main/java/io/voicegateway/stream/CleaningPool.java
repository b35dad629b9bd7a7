package io.voicegateway.stream;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that clean streams' speech ({@code vg-speech-N}, one per core): neither an event loop, where tens of
 * µs per frame would delay every socket on it, nor the mixer's {@code media} pool, whose 20 ms ticks must not wait
 * behind it. Made on first use and idle threads end after a while, so a gateway without cleaning starts none; they
 * are daemons, so they never hold the process up.
 */
final class CleaningPool {
  private static final long IDLE_SECONDS = 30;

  private CleaningPool() {}

  private static final class Holder {
    static final Executor POOL = create();
  }

  static Executor shared() {
    return Holder.POOL;
  }

  private static Executor create() {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = task -> {
      Thread thread = new Thread(task, "vg-speech-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
