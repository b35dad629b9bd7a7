package io.voicegateway.media.playback;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded queue of 20 ms PCM16 frames between one writer (an event loop) and one reader (the mixer thread),
 * without locks. When full, the writer drops the oldest frame (and counts it) instead of waiting: a consumer that
 * sends faster than real time loses old audio, the mixer never stalls. ({@code media.FrameRing} goes the other way,
 * mixer to disk, and drops the newest: its reader is the one that may stall.)
 *
 * <p>Frames are numbered; {@code head} is the next one to play, {@code tail} the next one to write. Only the writer
 * moves {@code tail}. Both move {@code head}: the reader to take a frame, the writer to drop the oldest or clear
 * all. So the reader copies a frame out and then claims it with one compare-and-set; if the writer moved
 * {@code head} meanwhile (and may be overwriting that slot), the claim fails and the copy is thrown away. Slots are
 * made the first time they are written, so a long {@code maxQueuedMs} costs memory only when used.
 */
final class DropOldestRing {
  private final short[][] slots;
  private final int samples;
  private final AtomicLong head = new AtomicLong();
  private volatile long tail;
  private volatile long dropped;

  /** @param samples samples per frame; {@code capacity} frames at most */
  DropOldestRing(int capacity, int samples) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.slots = new short[capacity][];
    this.samples = samples;
  }

  /** Writer: appends a copy of {@code frame}, dropping the oldest queued frame when full. */
  void offer(short[] frame) {
    long t = tail;
    int capacity = slots.length;
    while (true) {
      long h = head.get();
      if (t - h < capacity) {
        break;
      }
      if (head.compareAndSet(h, h + 1)) {
        dropped++; // the writer alone counts drops
        break;
      }
    }
    int at = (int) (t % capacity);
    short[] slot = slots[at];
    if (slot == null) {
      slot = new short[samples];
      slots[at] = slot;
    }
    System.arraycopy(frame, 0, slot, 0, samples);
    tail = t + 1; // publishes the slot to the reader
  }

  /** Writer: drops everything queued at once; returns the frames dropped (not counted as overflow). */
  long clear() {
    long t = tail;
    while (true) {
      long h = head.get();
      if (h >= t) {
        return 0;
      }
      if (head.compareAndSet(h, t)) {
        return t - h;
      }
    }
  }

  /** Reader: copies the oldest frame into {@code into} and takes it off; false when nothing is queued. */
  boolean poll(short[] into) {
    while (true) {
      long h = head.get();
      if (h >= tail) {
        return false;
      }
      System.arraycopy(slots[(int) (h % slots.length)], 0, into, 0, samples);
      if (head.compareAndSet(h, h + 1)) {
        return true;
      }
    }
  }

  /** The number of the next frame to play: every frame before it was played, dropped or cleared. */
  long head() {
    return head.get();
  }

  /** The number the next frame written will have. */
  long tail() {
    return tail;
  }

  long dropped() {
    return dropped;
  }

  int samples() {
    return samples;
  }
}
