package io.voicegateway.media;

/**
 * Decides, packet by packet as they arrive, which of a source's RTP packets the arrival tap plays: only one newer
 * than every packet before it. A gap is never waited for (what it skipped is counted lost); a packet that comes after
 * a newer one is late and a second copy is a duplicate, both dropped and counted. A new SSRC starts afresh, and so
 * does a sender that restarts its sequence far behind (two packets in a row there, as RFC 3550 A.1 probes it).
 * One thread (the leg's RTP event loop); counters are single-writer volatiles, exact for any reader.
 */
final class ArrivalOrder {
  /** How far behind the newest a packet may be and still count as reordered rather than a restarted sequence. */
  static final int MAX_MISORDER = 100;
  /** The packets behind the newest whose arrival is remembered, to tell a duplicate from a late packet. */
  private static final int WINDOW = 64;

  private boolean started;
  private long ssrc;
  private int newest;
  /** Bit k set: the packet k behind {@link #newest} has arrived (bit 0 is the newest itself). */
  private long seen;
  /** The sequence number that, arriving next, confirms a restarted sequence; -1 when none is probed. */
  private int restartProbe = -1;
  private volatile long late;
  private volatile long duplicates;
  private volatile long skipped;

  /** True when the packet is the newest yet and is to be played; false when it is dropped (late or duplicate). */
  boolean accept(long packetSsrc, int sequence) {
    if (!started || packetSsrc != ssrc) {
      restart(packetSsrc, sequence);
      return true;
    }
    int delta = (short) (sequence - newest); // RFC 1982 serial arithmetic on 16 bits
    if (delta > 0) {
      skipped += delta - 1;
      seen = delta >= WINDOW ? 1L : seen << delta | 1L;
      newest = sequence;
      restartProbe = -1;
      return true;
    }
    int behind = -delta;
    if (behind > MAX_MISORDER) {
      if (sequence == restartProbe) {
        restart(packetSsrc, sequence);
        return true;
      }
      restartProbe = (sequence + 1) & 0xffff;
      late++;
      return false;
    }
    if (behind < WINDOW && (seen & 1L << behind) != 0) {
      duplicates++;
    } else {
      late++;
      if (behind < WINDOW) {
        seen |= 1L << behind;
      }
    }
    return false;
  }

  private void restart(long packetSsrc, int sequence) {
    started = true;
    ssrc = packetSsrc;
    newest = sequence;
    seen = 1L;
    restartProbe = -1;
  }

  /** Packets that came after a newer one (including those their gap had already skipped). */
  long late() {
    return late;
  }

  /** Second copies of a packet that had arrived. */
  long duplicates() {
    return duplicates;
  }

  /** Sequence numbers jumped over without waiting (lost, or late and then counted in {@link #late()} too). */
  long skipped() {
    return skipped;
  }
}
