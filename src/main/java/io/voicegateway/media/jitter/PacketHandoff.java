package io.voicegateway.media.jitter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Single-producer single-consumer hand-off of packets: the RTP socket thread copies a packet in, the mixer
 * thread takes it out at its next tick. Lock-free, so the event loop never waits on the mixer (nor the mixer on
 * the event loop) and a slow tick cannot stall the socket. A full hand-off drops the new packet.
 *
 * <p>Two rings of references: filled packets go producer → consumer, emptied ones consumer → producer. Each
 * index has one writer, so a lazySet publishes the slot (release) and a get on the other side acquires it.
 * Packets are made only when the producer finds none emptied (issue 13): a leg holds as many as were ever in
 * flight at once (one or two between ticks, a few more after a late tick), not one per ring slot with a payload
 * each (32 × ~240 bytes per G.711 leg before). So it allocates only at a new high-water mark, never per packet in
 * steady state, and never more packets than the capacity.
 */
final class PacketHandoff {
  private final Packet[] full;
  private final Packet[] free;
  private final int mask;
  /** Next filled slot the consumer reads; written only by the consumer. */
  private final AtomicLong head = new AtomicLong();
  /** Next filled slot the producer writes; written only by the producer. */
  private final AtomicLong tail = new AtomicLong();
  /** Next emptied slot the consumer writes; written only by the consumer. */
  private final AtomicLong freeTail = new AtomicLong();
  /** Next emptied slot the producer takes; producer only. */
  private long freeHead;
  /** Producer only: a packet it took but could not fill (bad payload), used first next time. */
  private Packet spare;

  PacketHandoff(int capacityPow2) {
    if (Integer.bitCount(capacityPow2) != 1) {
      throw new IllegalArgumentException("capacity must be a power of two");
    }
    full = new Packet[capacityPow2];
    free = new Packet[capacityPow2];
    mask = capacityPow2 - 1;
  }

  /** Producer: false when the hand-off is full or the payload is bad (nothing is kept). */
  boolean offer(int seq, long timestamp, long ssrc, int payloadType, byte[] buf, int off, int len,
      long arrivalNanos, int generation) {
    long t = tail.get();
    if (t - head.get() >= full.length) {
      return false;
    }
    Packet p = emptied();
    if (!p.set(seq, timestamp, ssrc, payloadType, buf, off, len, arrivalNanos, generation)) {
      spare = p;
      return false;
    }
    full[(int) (t & mask)] = p;
    tail.lazySet(t + 1);
    return true;
  }

  /**
   * Producer: a packet to fill. Packets in use are the filled ones (fewer than the capacity, checked by the
   * caller) plus the emptied ones and the spare, so a new one is made only when none is free, and never more
   * than the capacity: the emptied ring cannot overflow.
   */
  private Packet emptied() {
    Packet p = spare;
    if (p != null) {
      spare = null;
      return p;
    }
    long h = freeHead;
    if (h == freeTail.get()) {
      return new Packet(); // a new high-water mark of packets in flight
    }
    p = free[(int) (h & mask)]; // the slot keeps a stale reference: harmless, and one writer per index
    freeHead = h + 1;
    return p;
  }

  /** Consumer: the oldest unread packet, or null. Valid until {@link #release()}. */
  Packet peek() {
    long h = head.get();
    return h == tail.get() ? null : full[(int) (h & mask)];
  }

  /** Consumer: hands the packet from {@link #peek()} back to the producer. */
  void release() {
    long h = head.get();
    Packet p = full[(int) (h & mask)];
    long f = freeTail.get();
    free[(int) (f & mask)] = p;
    freeTail.lazySet(f + 1);
    head.lazySet(h + 1);
  }
}
