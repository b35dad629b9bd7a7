package io.voicegateway.media.jitter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Single-producer single-consumer ring of packet slots: the RTP socket thread copies a packet in, the mixer
 * thread takes it out at its next tick. Lock-free, so the event loop never waits on the mixer (nor the mixer on
 * the event loop) and a slow tick cannot stall the socket; each index has one writer, so a lazySet publishes
 * the slot contents (release) and a get on the other side acquires them. A full ring drops the new packet.
 */
final class PacketHandoff {
  private final Packet[] ring;
  private final int mask;
  /** Next slot the consumer reads; written only by the consumer. */
  private final AtomicLong head = new AtomicLong();
  /** Next slot the producer writes; written only by the producer. */
  private final AtomicLong tail = new AtomicLong();

  PacketHandoff(int capacityPow2) {
    if (Integer.bitCount(capacityPow2) != 1) {
      throw new IllegalArgumentException("capacity must be a power of two");
    }
    ring = new Packet[capacityPow2];
    for (int i = 0; i < ring.length; i++) {
      ring[i] = new Packet();
    }
    mask = capacityPow2 - 1;
  }

  /** Producer: false when the ring is full or the payload is bad (nothing is kept). */
  boolean offer(int seq, long timestamp, long ssrc, int payloadType, byte[] buf, int off, int len,
      long arrivalNanos, int generation) {
    long t = tail.get();
    if (t - head.get() >= ring.length) {
      return false;
    }
    if (!ring[(int) (t & mask)].set(seq, timestamp, ssrc, payloadType, buf, off, len, arrivalNanos, generation)) {
      return false;
    }
    tail.lazySet(t + 1);
    return true;
  }

  /** Consumer: the oldest unread packet, or null. Valid until {@link #release()}. */
  Packet peek() {
    long h = head.get();
    return h == tail.get() ? null : ring[(int) (h & mask)];
  }

  /** Consumer: hands the slot from {@link #peek()} back to the producer. */
  void release() {
    head.lazySet(head.get() + 1);
  }
}
