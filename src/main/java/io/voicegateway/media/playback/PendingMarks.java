package io.voicegateway.media.playback;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Marks waiting behind queued audio, in the order they were set. The writer adds and clears; the mixer thread
 * takes each one whose frame has been reached. A mark leaves the queue exactly once, either played (reader) or
 * cleared (writer): both take it with an atomic removal. Reading allocates nothing.
 */
final class PendingMarks {
  /** A mark set when {@code position} frames had been written: reached once the ring's head gets there. */
  private static final class Mark {
    final String name;
    final long position;

    Mark(String name, long position) {
      this.name = name;
      this.position = position;
    }
  }

  /** Told each mark reached, on the mixer thread. */
  interface Reached {
    void reached(String name);
  }

  private final ConcurrentLinkedQueue<Mark> marks = new ConcurrentLinkedQueue<>();

  /** Writer. */
  void add(String name, long position) {
    marks.add(new Mark(name, position));
  }

  /** Reader: hands every mark at or before {@code head} to {@code reached}, oldest first. */
  void reach(long head, Reached reached) {
    for (Mark m = marks.peek(); m != null && m.position <= head; m = marks.peek()) {
      if (marks.remove(m)) { // false when a clear took it meanwhile
        reached.reached(m.name);
      }
    }
  }

  /** Writer: takes every pending mark off, oldest first. */
  List<String> clear() {
    List<String> names = new ArrayList<>();
    for (Mark m = marks.poll(); m != null; m = marks.poll()) {
      names.add(m.name);
    }
    return names;
  }

  int size() {
    return marks.size();
  }
}
