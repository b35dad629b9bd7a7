package io.voicegateway.stream;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The messages waiting for a consumer's socket. While the socket takes them they pass straight through; once it
 * stops (its write queue is full) they wait here, bounded: past {@code maxMedia} media frames the oldest media frame
 * is dropped and counted, so a slow consumer costs a bounded amount of memory and never holds back the call.
 * Control messages (start, dtmf, mark, stop) are never dropped. Used on one event loop.
 */
final class WriteQueue {
  /** The socket as the queue sees it. */
  interface Socket {
    boolean full();

    void write(String text);
  }

  private record Pending(String text, boolean media) {}

  private final int maxMedia;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private int media;
  private long dropped;
  private int droppedInARow;

  WriteQueue(int maxMedia) {
    this.maxMedia = Math.max(1, maxMedia);
  }

  /** Writes or queues a message; returns the media frames dropped to make room (0 or 1). */
  int offer(Socket socket, String text, boolean isMedia) {
    if (pending.isEmpty() && !socket.full()) {
      socket.write(text);
      droppedInARow = 0;
      return 0;
    }
    pending.add(new Pending(text, isMedia));
    if (isMedia) {
      media++;
    }
    int drops = 0;
    if (media > maxMedia) {
      dropOldestMedia();
      drops = 1;
    }
    return drops;
  }

  /** The socket drained: writes what waits until it is full again. */
  void drain(Socket socket) {
    while (!pending.isEmpty() && !socket.full()) {
      Pending next = pending.poll();
      if (next.media()) {
        media--;
      }
      socket.write(next.text());
      droppedInARow = 0;
    }
  }

  /**
   * True once the consumer has not taken a frame for twice the queue's length: everything queued was replaced by
   * newer audio, so the consumer is treated as gone.
   */
  boolean stalled() {
    return droppedInARow >= maxMedia;
  }

  long dropped() {
    return dropped;
  }

  int queuedMedia() {
    return media;
  }

  void clear() {
    pending.clear();
    media = 0;
    droppedInARow = 0;
  }

  private void dropOldestMedia() {
    for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
      if (it.next().media()) {
        it.remove();
        media--;
        dropped++;
        droppedInARow++;
        return;
      }
    }
  }
}
