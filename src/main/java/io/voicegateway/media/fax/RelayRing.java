package io.voicegateway.media.fax;

import java.lang.invoke.VarHandle;

/**
 * The pass-through's fixed jitter buffer for one direction: a ring of {@link #SLOTS} payload slots indexed by
 * sequence number, filled by the source leg's RTP thread and drained by the mixer thread once per tick. It reorders
 * within {@link #REORDER_DEPTH} packets and does nothing else: no playout delay beyond one tick, no concealment, no
 * comfort noise; a packet still missing when {@code REORDER_DEPTH} later ones have come is given up and stays a gap.
 *
 * <p>Single producer, single consumer, no lock: each slot is a seqlock (odd version while the producer writes it),
 * so a consumer that lost the race to an overwrite sees a changed version and treats the packet as lost rather than
 * relaying torn bytes. Sequence numbers are extended to 64 bits on the producer side; a new SSRC starts a new epoch
 * right after the newest packet, so the consumer re-anchors its timestamps. Allocation-free after construction.
 */
public final class RelayRing {
  public static final int SLOTS = 16;
  public static final int REORDER_DEPTH = 3;
  /** Longest payload relayed: 120 ms of G.711. A longer one is dropped and counted. */
  public static final int MAX_PAYLOAD = 960;
  private static final int MASK = SLOTS - 1;

  private final Slot[] slots = new Slot[SLOTS];
  // producer state
  private long lastSsrc = -1;
  private long lastExt = -1;
  private int lastSeq;
  private int epoch;
  private volatile long newest = -1;
  private volatile long oversized;
  // consumer state
  private long next = -1;
  private long gaps;
  private long relayed;
  private long timestamp;
  private int packetEpoch;
  private long lostBefore;
  private long lastLost;

  public RelayRing() {
    for (int i = 0; i < SLOTS; i++) {
      slots[i] = new Slot();
    }
  }

  /** Producer (RTP thread): keeps one payload. */
  public void offer(long ssrc, int seq, long timestamp, byte[] buf, int off, int len) {
    if (len > MAX_PAYLOAD || len <= 0) {
      oversized++;
      return;
    }
    long ext;
    if (ssrc != lastSsrc || lastExt < 0) {
      ext = lastExt + 1;
      if (lastExt >= 0) {
        epoch++;
      }
      lastSsrc = ssrc;
    } else {
      short delta = (short) (seq - lastSeq);
      ext = lastExt + delta;
      if (delta < -SLOTS * 4 || delta > 1000) { // a jump no reordering explains: the sender restarted
        ext = lastExt + 1;
        epoch++;
      }
    }
    if (ext < 0) {
      return;
    }
    Slot s = slots[(int) (ext & MASK)];
    int v = s.version;
    s.version = v + 1; // odd: being written
    VarHandle.releaseFence(); // the odd version is visible before any byte below
    s.ext = ext;
    s.timestamp = timestamp & 0xffffffffL;
    s.epoch = epoch;
    s.length = len;
    System.arraycopy(buf, off, s.data, 0, len);
    s.version = v + 2; // even again: a volatile store releases the bytes above
    if (ext > lastExt) {
      lastExt = ext;
      lastSeq = seq & 0xffff;
      newest = ext;
    }
  }

  /** Consumer: from now on relays only what arrives after the packets the mixer already played. */
  public void startAfterNewest() {
    next = newest + 1;
  }

  /**
   * Consumer (mixer thread): copies the next payload due into {@code out} at {@code off} and returns its length, or
   * returns −1 when nothing is due. After a packet, {@link #timestamp()}, {@link #epoch()} and
   * {@link #lostBefore()} describe it.
   */
  public int poll(byte[] out, int off) {
    long top = newest;
    if (next < 0) {
      next = top + 1;
    }
    if (top - next >= SLOTS) { // the mixer stalled longer than the ring: what was overwritten is lost
      gaps += top - SLOTS + 1 - next;
      lostBefore += top - SLOTS + 1 - next;
      next = top - SLOTS + 1;
    }
    while (next <= top) {
      Slot s = slots[(int) (next & MASK)];
      int v1 = s.version;
      if ((v1 & 1) == 0 && s.ext == next) {
        long ts = s.timestamp;
        int e = s.epoch;
        int len = s.length;
        System.arraycopy(s.data, 0, out, off, len);
        VarHandle.acquireFence(); // read the bytes before checking nobody rewrote them meanwhile
        if (s.version == v1) {
          timestamp = ts;
          packetEpoch = e;
          next++;
          relayed++;
          long lost = lostBefore;
          lostBefore = 0;
          lastLost = lost;
          return len;
        }
      }
      if (top - next < REORDER_DEPTH) {
        return -1; // may still come
      }
      gaps++;
      lostBefore++;
      next++;
    }
    return -1;
  }

  public long timestamp() {
    return timestamp;
  }

  public int epoch() {
    return packetEpoch;
  }

  /** Packets given up just before the one {@link #poll} returned (its far-side sequence number skips them). */
  public long lostBefore() {
    return lastLost;
  }

  /** Packets given up as lost (consumer's count). */
  public long gaps() {
    return gaps;
  }

  public long relayed() {
    return relayed;
  }

  public long oversized() {
    return oversized;
  }

  private static final class Slot {
    volatile int version;
    long ext = -1;
    long timestamp;
    int epoch;
    int length;
    final byte[] data = new byte[MAX_PAYLOAD];
  }
}
