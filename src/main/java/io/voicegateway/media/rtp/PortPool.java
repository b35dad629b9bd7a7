package io.voicegateway.media.rtp;

import java.util.ArrayDeque;
import java.util.BitSet;

/**
 * The even RTP ports of {@code media.rtp_port_range}; each comes with RTCP on port + 1. Thread-safe:
 * RTP verticle instances on several event loops take and give back ports concurrently.
 *
 * <p>Free ports are handed out oldest-released first, so a port just freed is not reused at once and
 * late packets of the old call do not land in a new one.
 */
public final class PortPool {
  private final int min;
  private final ArrayDeque<Integer> free = new ArrayDeque<>();
  private final BitSet inUse = new BitSet();
  private final int capacity;

  /** @param min first port (rounded up to even); @param max last port (RTCP of the last pair must fit) */
  public PortPool(int min, int max) {
    if (min < 1 || max > 65535 || max <= min) {
      throw new IllegalArgumentException("bad RTP port range " + min + "-" + max);
    }
    this.min = (min + 1) & ~1;
    for (int port = this.min; port + 1 <= max; port += 2) {
      free.add(port);
    }
    this.capacity = free.size();
    if (capacity == 0) {
      throw new IllegalArgumentException("RTP port range " + min + "-" + max + " holds no even/odd pair");
    }
  }

  /** An even RTP port now owned by the caller, or -1 when every pair is taken. */
  public synchronized int acquire() {
    Integer port = free.poll();
    if (port == null) {
      return -1;
    }
    inUse.set(index(port));
    return port;
  }

  /** Gives a port back. Returns false (and changes nothing) for a port this pool did not hand out. */
  public synchronized boolean release(int port) {
    if (port < min || (port & 1) != 0) {
      return false;
    }
    int i = index(port);
    if (!inUse.get(i)) {
      return false;
    }
    inUse.clear(i);
    free.add(port);
    return true;
  }

  public synchronized int available() {
    return free.size();
  }

  public int capacity() {
    return capacity;
  }

  private int index(int port) {
    return (port - min) >> 1;
  }
}
