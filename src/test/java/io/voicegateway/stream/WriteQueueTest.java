package io.voicegateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteQueueTest {
  /** A socket that takes messages while {@code open}. */
  private static final class FakeSocket implements WriteQueue.Socket {
    final List<String> written = new ArrayList<>();
    boolean open = true;

    @Override
    public boolean full() {
      return !open;
    }

    @Override
    public void write(String text) {
      written.add(text);
    }
  }

  private final FakeSocket socket = new FakeSocket();
  private final WriteQueue queue = new WriteQueue(3);

  @Test
  void passesStraightThroughWhileTheSocketTakesThem() {
    queue.offer(socket, "a", true);
    queue.offer(socket, "b", false);
    assertEquals(List.of("a", "b"), socket.written);
    assertEquals(0, queue.queuedMedia());
  }

  @Test
  void aSlowConsumerLosesTheOldestMediaButNoControlMessage() {
    socket.open = false;
    queue.offer(socket, "m1", true);
    queue.offer(socket, "start-of-mark", false);
    queue.offer(socket, "m2", true);
    queue.offer(socket, "m3", true);
    assertEquals(1, queue.offer(socket, "m4", true));
    assertEquals(1, queue.offer(socket, "m5", true));
    assertEquals(2, queue.dropped());
    assertEquals(3, queue.queuedMedia());
    socket.open = true;
    queue.drain(socket);
    assertEquals(List.of("start-of-mark", "m3", "m4", "m5"), socket.written);
    queue.offer(socket, "m6", true);
    assertEquals("m6", socket.written.get(4), "in order after a drain");
  }

  @Test
  void stalledOnceAQueueLengthWasReplacedWithoutAWrite() {
    socket.open = false;
    for (int i = 0; i < 5; i++) {
      queue.offer(socket, "m" + i, true);
      assertFalse(queue.stalled());
    }
    queue.offer(socket, "m5", true);
    assertTrue(queue.stalled(), "3 dropped in a row with a queue of 3");
    socket.open = true;
    queue.drain(socket);
    assertFalse(queue.stalled());
  }
}
