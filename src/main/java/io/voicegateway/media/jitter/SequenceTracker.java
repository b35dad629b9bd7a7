package io.voicegateway.media.jitter;

import io.voicegateway.media.rtp.ReceiveStats;

/**
 * Extends 16-bit sequence numbers and 32-bit timestamps to longs for playout ordering, and recognises a new
 * stream: a new SSRC at once, a sequence jump (RFC 3550 A.1: more than 3000 ahead or 100 behind) only when the
 * next packet follows the jumped one, so a single stray packet cannot restart playout. Consumer thread only.
 * The same rule as {@link ReceiveStats} applies on the RTP thread for the statistics; this one also holds the
 * jumped packet to replay it, extends timestamps, and runs after the hand-off, in the order playout sees.
 */
final class SequenceTracker {
  private static final int MAX_DROPOUT = ReceiveStats.MAX_DROPOUT;
  private static final int MAX_MISORDER = ReceiveStats.MAX_MISORDER;

  enum Verdict { ACCEPT, NEW_STREAM, CONFIRMED_JUMP, PROBATION }

  private boolean started;
  private long ssrc;
  private long highestSeq;
  private long highestTs;
  private final Packet probe = new Packet();
  private boolean probing;
  private boolean probeDiscarded;

  /** Classifies {@code p}; on ACCEPT its seq and timestamp have been replaced by their extended values. */
  Verdict classify(Packet p) {
    if (!started) {
      start(p);
      return Verdict.ACCEPT;
    }
    if (p.ssrc != ssrc) {
      probeDiscarded |= probing;
      probing = false;
      return Verdict.NEW_STREAM;
    }
    int delta = (int) (short) (p.seq - highestSeq);
    if (delta > MAX_DROPOUT || delta < -MAX_MISORDER) {
      if (probing && ((probe.seq + 1) & 0xFFFF) == p.seq) {
        probing = false;
        return Verdict.CONFIRMED_JUMP;
      }
      probeDiscarded |= probing;
      probe.copyFrom(p);
      probing = true;
      return Verdict.PROBATION;
    }
    probeDiscarded |= probing;
    probing = false;
    long seq = highestSeq + delta;
    long ts = highestTs + (int) (p.timestamp - highestTs);
    if (delta > 0) {
      highestSeq = seq;
      highestTs = ts;
    }
    p.seq = seq;
    p.timestamp = ts;
    return Verdict.ACCEPT;
  }

  /** True (once) when a packet held on probation was not confirmed and is gone: count it as dropped. */
  boolean takeDiscardedProbe() {
    boolean d = probeDiscarded;
    probeDiscarded = false;
    return d;
  }

  /** The packet held on probation (valid after CONFIRMED_JUMP). */
  Packet probe() {
    return probe;
  }

  /** Begins a new stream at {@code p} (which becomes the reference; seq and timestamp stay as they are). */
  void start(Packet p) {
    started = true;
    ssrc = p.ssrc;
    highestSeq = p.seq;
    highestTs = p.timestamp;
  }

  void reset() {
    started = false;
    probeDiscarded |= probing;
    probing = false;
  }
}
