package io.voicegateway.stream;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs one stream's {@link SpeechCleaner} off the event loop. Cleaning costs tens of µs per 20 ms frame (native
 * code; see docs/performance.md), too much for an event loop that serves many sockets, and the mixer's {@code media}
 * pool must keep its ticks on time. So frames are copied into a ring of slots owned by the lane, cleaned in order
 * on a worker pool (one frame at a time per stream, streams in parallel), and handed back in order on the session's
 * event loop. The ring is bounded: when the pool is behind by {@link #SLOTS} frames, a new frame is refused and
 * the caller counts it as dropped. Three positions move forward: written (event loop), cleaned (worker), delivered
 * (event loop); a slot is reused only once delivered.
 */
final class CleaningLane {
  /** Frames in flight per stream: 320 ms of 20 ms frames. */
  static final int SLOTS = 16;
  /** The longest frame a lane takes: an RTP packet of up to 120 ms (the arrival track is one frame per packet). */
  static final int MAX_FRAME_MS = 120;

  /** Where cleaned frames go, on the event loop, in the order they were offered. */
  interface Sink {
    void cleaned(short[] pcm, int n, long tag);
  }

  private final Supplier<SpeechCleaner> open;
  private final Executor pool;
  private final Executor back;
  private final Sink sink;
  private final short[][] frames;
  private final int[] lengths = new int[SLOTS];
  private final long[] tags = new long[SLOTS];
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean delivering = new AtomicBoolean();
  private final Runnable drain = this::drain;
  private final Runnable deliver = this::deliver;
  private volatile long written;
  private volatile long cleaned;
  private long delivered;
  private volatile boolean closed;
  /** Touched by the worker only (drains run one at a time). */
  private SpeechCleaner cleaner;

  /**
   * @param open       makes the cleaner; called on the pool (it may load a native library)
   * @param maxSamples the longest frame offered
   * @param pool       where cleaning runs
   * @param back       the session's event loop
   */
  CleaningLane(Supplier<SpeechCleaner> open, int maxSamples, Executor pool, Executor back, Sink sink) {
    this.open = open;
    this.pool = pool;
    this.back = back;
    this.sink = sink;
    this.frames = new short[SLOTS][maxSamples];
  }

  /**
   * A lane for one stream's inbound track at {@code rate} on the shared {@link CleaningPool}, handing frames back on
   * {@code context}; a stream whose cleaner cannot be made is counted once in {@code metrics} and goes on uncleaned.
   */
  static CleaningLane forStream(io.voicegateway.config.StreamingConfig.Cleaning cleaning, int rate,
      io.vertx.core.Context context, StreamMetrics metrics, Sink sink) {
    Supplier<SpeechCleaner> open = () -> {
      SpeechCleaner cleaner = SpeechCleaners.APM.open(cleaning, rate);
      if (cleaner == SpeechCleaner.NONE) {
        metrics.cleaningUnavailable();
      }
      return cleaner;
    };
    return new CleaningLane(open, rate * MAX_FRAME_MS / 1000, CleaningPool.shared(),
        task -> context.runOnContext(v -> task.run()), sink);
  }

  /** Copies a frame in for cleaning (event loop). False when the lane is full or closed: the frame is dropped. */
  boolean offer(short[] pcm, int n, long tag) {
    long at = written;
    if (closed || at - delivered >= SLOTS || n > frames[0].length) {
      return false;
    }
    int slot = (int) (at % SLOTS);
    System.arraycopy(pcm, 0, frames[slot], 0, n);
    lengths[slot] = n;
    tags[slot] = tag;
    written = at + 1;
    schedule(draining, pool, drain);
    return true;
  }

  /** Frames offered but not yet handed back. */
  int inFlight() {
    return (int) (written - delivered);
  }

  /** No more frames; the cleaner is closed on the pool once the frame in hand is done. */
  void close() {
    closed = true;
    schedule(draining, pool, drain);
  }

  private void drain() {
    while (true) {
      if (closed) {
        if (cleaner != null) {
          cleaner.close();
          cleaner = SpeechCleaner.NONE;
        }
        return;
      }
      if (cleaner == null) {
        cleaner = open.get();
      }
      for (long at = cleaned; at < written && !closed; at++) {
        int slot = (int) (at % SLOTS);
        cleaner.clean(frames[slot], lengths[slot]);
        cleaned = at + 1;
        schedule(delivering, back, deliver);
      }
      draining.set(false);
      if ((cleaned >= written && !closed) || !draining.compareAndSet(false, true)) {
        return;
      }
    }
  }

  private void deliver() {
    while (true) {
      while (delivered < cleaned && !closed) {
        int slot = (int) (delivered % SLOTS);
        sink.cleaned(frames[slot], lengths[slot], tags[slot]);
        delivered++;
      }
      delivering.set(false);
      if (delivered >= cleaned || closed || !delivering.compareAndSet(false, true)) {
        return;
      }
    }
  }

  /** Runs the task unless it is already scheduled; it re-checks for work before it lets go of the flag. */
  private static void schedule(AtomicBoolean flag, Executor executor, Runnable task) {
    if (flag.compareAndSet(false, true)) {
      try {
        executor.execute(task);
      } catch (RejectedExecutionException e) {
        flag.set(false);
      }
    }
  }
}
