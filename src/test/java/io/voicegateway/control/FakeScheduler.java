package io.voicegateway.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Scheduler} on a hand-stepped clock: {@link #advance} runs what falls due, in order. */
public final class FakeScheduler implements Scheduler {
  private final List<Task> tasks = new ArrayList<>();
  private long nowMs;

  private final class Task implements Timer {
    final long dueMs;
    final Runnable run;
    boolean cancelled;

    Task(long dueMs, Runnable run) {
      this.dueMs = dueMs;
      this.run = run;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    Task t = new Task(nowMs + delay.toMillis(), task);
    tasks.add(t);
    return t;
  }

  /** Moves time on by {@code d}, running every task that falls due. */
  public void advance(Duration d) {
    nowMs += d.toMillis();
    for (Task t : List.copyOf(tasks)) {
      if (!t.cancelled && t.dueMs <= nowMs) {
        tasks.remove(t);
        t.run.run();
      }
    }
  }

  /** Timers still waiting (not run, not cancelled). */
  public long pending() {
    return tasks.stream().filter(t -> !t.cancelled).count();
  }
}
