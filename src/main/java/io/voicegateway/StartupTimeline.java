package io.voicegateway;

import io.vertx.core.Future;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Where the time to a ready gateway went, for one log line at the end of the start-up (issue 13): the JVM's own
 * start (launch to the gateway's constructor: JVM boot, class loading of Main, the configuration), each step of
 * the deployment with its start and end, and the classes loaded. Steps run side by side, so each is shown as
 * {@code label start–end} in seconds since the JVM was launched; the critical path is what ends last. Marks come
 * from the threads that complete the futures, hence the synchronisation.
 */
final class StartupTimeline {
  private final long jvmStartMs = ManagementFactory.getRuntimeMXBean().getStartTime();
  private final long createdMs = System.currentTimeMillis();
  private final List<String> steps = new ArrayList<>();

  /** Runs {@code step} now and records when its future completed (failed steps are marked so). */
  <T> Future<T> time(String label, Supplier<Future<T>> step) {
    long start = System.currentTimeMillis();
    return step.get().andThen(done -> mark(label + (done.failed() ? " (failed)" : ""), start));
  }

  /** Records a step that ran synchronously from {@code startMs} until now. */
  void mark(String label, long startMs) {
    mark(label, startMs, System.currentTimeMillis());
  }

  /** Records a step that ran from {@code startMs} to {@code endMs} (e.g. on another thread, before this existed). */
  synchronized void mark(String label, long startMs, long endMs) {
    steps.add(String.format(Locale.ROOT, "%s %.2f-%.2f", label, seconds(startMs), seconds(endMs)));
  }

  /** The log line: {@code start-up: ready 1.42 s after the JVM started; JVM + main 0.52; ...; 5210 classes}. */
  synchronized String summary() {
    long now = System.currentTimeMillis();
    return String.format(Locale.ROOT, "start-up: ready %.2f s after the JVM started; JVM and main() %.2f; %s; %d classes loaded",
        seconds(now), seconds(createdMs), String.join(", ", steps),
        ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
  }

  private double seconds(long ms) {
    return (ms - jvmStartMs) / 1000.0;
  }
}
