package io.voicegateway.media;

/**
 * Hands fixed-size frames from the mixer thread to one writer thread without allocating or locking: a ring of
 * frames made once, one producer ({@link #claim}/{@link #publish}) and one consumer ({@link #peek}/{@link #release}).
 * When the consumer falls behind by the whole ring the producer drops the frame and counts it, rather than wait:
 * the mixer must never block on a disk.
 */
public final class FrameRing {
  private final short[][] slots;
  private final int mask;
  // Each index has one writer; volatile makes the slot's contents visible with the index that covers it.
  private volatile long produced;
  private volatile long consumed;
  private volatile long dropped;

  /** @param capacity frames the ring holds, rounded up to a power of two */
  public FrameRing(int capacity, int frameLength) {
    int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
    this.slots = new short[size][frameLength];
    this.mask = size - 1;
  }

  /** Producer: the next free frame to fill, or null when the ring is full (the frame is dropped and counted). */
  public short[] claim() {
    long p = produced;
    if (p - consumed >= slots.length) {
      dropped++;
      return null;
    }
    return slots[(int) (p & mask)];
  }

  /** Producer: the frame {@link #claim} gave is filled; the consumer may take it. */
  public void publish() {
    produced++;
  }

  /** Consumer: the oldest published frame, or null when there is none. */
  public short[] peek() {
    long c = consumed;
    return c == produced ? null : slots[(int) (c & mask)];
  }

  /** Consumer: done with the frame {@link #peek} gave; the producer may reuse it. */
  public void release() {
    consumed++;
  }

  public int capacity() {
    return slots.length;
  }

  /** Frames the producer could not hand off because the consumer was a whole ring behind. */
  public long dropped() {
    return dropped;
  }
}
