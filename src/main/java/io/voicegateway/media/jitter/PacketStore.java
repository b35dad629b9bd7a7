package io.voicegateway.media.jitter;

/**
 * The consumer's packets waiting for playout, indexed by extended sequence number. Every held packet lies in
 * {@code [base, base + capacity)}, so a slot is simply {@code seq & mask}; finding the next packet is a short
 * scan from {@code base}. Consumer thread only.
 */
final class PacketStore {
  private final Packet[] slots;
  private final boolean[] present;
  private final int mask;
  private long base;
  private long newest = Long.MIN_VALUE;
  private int count;

  PacketStore(int capacityPow2) {
    slots = new Packet[capacityPow2];
    present = new boolean[capacityPow2];
    for (int i = 0; i < capacityPow2; i++) {
      slots[i] = new Packet();
    }
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
    return seq >= base && seq < base + slots.length && present[(int) (seq & mask)]
        && slots[(int) (seq & mask)].seq == seq;
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
    slots[i].copyFrom(p);
    slots[i].seq = seq;
    present[i] = true;
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
      int i = (int) (s & mask);
      if (present[i]) {
        base = s;
        return slots[i];
      }
    }
    return null;
  }

  void remove(long seq) {
    if (contains(seq)) {
      present[(int) (seq & mask)] = false;
      count--;
      if (seq == base) {
        base = seq + 1;
      }
    }
  }

  private int evict(long seq) {
    int i = (int) (seq & mask);
    if (present[i]) {
      present[i] = false;
      count--;
      return 1;
    }
    return 0;
  }

  void clear() {
    java.util.Arrays.fill(present, false);
    count = 0;
  }
}
