package io.voicegateway.media.jitter;

/**
 * The consumer's packets waiting for playout, indexed by extended sequence number. Every held packet lies in
 * {@code [base, base + capacity)}, so a slot is simply {@code seq & mask}; finding the next packet is a short
 * scan from {@code base}. Consumer thread only.
 *
 * <p>Memory (issue 13): the index spans the worst case (capacity sequence numbers), but the packets themselves
 * come from a pool that grows only to the most packets ever held at once: the buffer's real depth (a 60 ms
 * buffer of 20 ms packets holds 3 or 4), not one packet per index slot. A slot is empty when it is null.
 */
final class PacketStore {
  private final Packet[] slots;
  /** Packets not in use, {@code free[0, freeCount)}; allocated only when a new high-water mark is reached. */
  private final Packet[] free;
  private int freeCount;
  private final int mask;
  private long base;
  private long newest = Long.MIN_VALUE;
  private int count;

  PacketStore(int capacityPow2) {
    slots = new Packet[capacityPow2];
    free = new Packet[capacityPow2];
    mask = capacityPow2 - 1;
  }

  int capacity() {
    return slots.length;
  }

  int size() {
    return count;
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** The highest sequence number held, or {@code Long.MIN_VALUE} when empty. */
  long newestSeq() {
    return count == 0 ? Long.MIN_VALUE : newest;
  }

  boolean contains(long seq) {
    Packet held = slots[(int) (seq & mask)];
    return seq >= base && seq < base + slots.length && held != null && held.seq == seq;
  }

  /**
   * Copies {@code p} in under {@code seq}, which the caller has checked is neither held nor below base.
   * Returns how many older packets had to be evicted to make room (the store spans at most its capacity).
   */
  int put(long seq, Packet p) {
    int evicted = 0;
    if (count == 0) {
      base = seq;
    } else if (seq < base) {
      base = seq; // caller keeps seq within capacity of the newest when lowering the base
    }
    while (seq >= base + slots.length) {
      evicted += evict(base);
      base++;
    }
    int i = (int) (seq & mask);
    Packet slot = slots[i];
    if (slot == null) {
      slot = freeCount > 0 ? free[--freeCount] : new Packet(); // new only at a new high-water mark
      free[freeCount] = null;
    }
    slot.copyFrom(p);
    slot.seq = seq;
    slots[i] = slot;
    if (count == 0 || seq > newest) {
      newest = seq;
    }
    count++;
    return evicted;
  }

  /** The held packet with the lowest sequence number, or null. */
  Packet head() {
    if (count == 0) {
      return null;
    }
    for (long s = base; s <= newest; s++) {
      Packet held = slots[(int) (s & mask)];
      if (held != null) {
        base = s;
        return held;
      }
    }
    return null;
  }

  void remove(long seq) {
    if (contains(seq)) {
      release((int) (seq & mask));
      count--;
      if (seq == base) {
        base = seq + 1;
      }
    }
  }

  private int evict(long seq) {
    int i = (int) (seq & mask);
    if (slots[i] != null) {
      release(i);
      count--;
      return 1;
    }
    return 0;
  }

  /** Empties slot {@code i}; its packet goes back to the pool (still readable until the next {@link #put}). */
  private void release(int i) {
    free[freeCount++] = slots[i];
    slots[i] = null;
  }

  void clear() {
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] != null) {
        release(i);
      }
    }
    count = 0;
  }
}
