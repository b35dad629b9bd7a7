package io.voicegateway.media.rtp;

/**
 * Strict RTP learning: which source a leg takes media from and (with symmetric RTP) sends it to, in the
 * manner of Asterisk's {@code strictrtp} and rtpengine's strict source. A source is learnt only after
 * {@code learningPackets} valid packets in a row from one address with one SSRC and an advancing sequence;
 * once latched, packets from anywhere else are dropped, and another source may take over only after the
 * latched one has been silent for {@code silenceNanos} (a phone that moved, a NAT rebinding) and has then
 * passed the same test. One exception: the address the SDP signalled outranks a learnt one and may take over
 * without waiting (after the same test), since a hijacker cannot send from it without spoofing.
 *
 * <p>The caller has already dropped what is not RTP or not a negotiated payload type; such junk never
 * reaches this class and so can never move the media. Candidates are tracked in a few fixed slots, so a
 * flooder on one port cannot keep the real party from being learnt.
 *
 * <p>The leg's RTP thread calls {@link #onPacket}, renegotiation {@link #sdpAddress} (uncontended lock);
 * {@link #target()} is a volatile read for the mixer thread. Nothing is allocated except a new
 * {@link RtpTarget} when the target moves.
 */
public final class RtpSourceLatch {
  /** Sources on probation tracked at once; the stalest slot is reused. */
  static final int SLOTS = 4;
  /** The largest sequence step that still counts as "in a row" (a few lost packets do not restart learning). */
  static final int MAX_SEQUENCE_STEP = 16;

  private final boolean symmetric;
  private final int learningPackets;
  private final long silenceNanos;
  private RtpTarget sdpAddress;
  private volatile RtpTarget target;

  private boolean latched;
  private String sourceHost;
  private int sourcePort;
  private long lastAcceptedNanos;
  private long sourceChanges;

  private final String[] candidateHost = new String[SLOTS];
  private final int[] candidatePort = new int[SLOTS];
  private final long[] candidateSsrc = new long[SLOTS];
  private final int[] candidateSeq = new int[SLOTS];
  private final int[] candidateCount = new int[SLOTS];
  private final long[] candidateSeen = new long[SLOTS];

  /**
   * @param symmetric       send to the learnt source ({@code rtp_symmetric}); else always to the SDP address
   * @param learningPackets valid packets in a row before a source is learnt (1 = the first packet)
   * @param silenceNanos    how long the latched source must be silent before another may take over
   */
  public RtpSourceLatch(boolean symmetric, int learningPackets, long silenceNanos, RtpTarget sdpAddress) {
    if (learningPackets < 1) {
      throw new IllegalArgumentException("learningPackets must be at least 1: " + learningPackets);
    }
    this.symmetric = symmetric;
    this.learningPackets = learningPackets;
    this.silenceNanos = silenceNanos;
    this.sdpAddress = sdpAddress;
    this.target = sdpAddress;
  }

  /**
   * A renegotiation's SDP address. The same address (hold, resume, codec change) keeps what was learnt; a
   * new one (transfer, a new device) is where media goes now, and its source is learnt afresh.
   */
  public synchronized void sdpAddress(RtpTarget address) {
    if (address.equals(sdpAddress)) {
      return;
    }
    sdpAddress = address;
    target = address;
    latched = false;
    sourceHost = null;
    java.util.Arrays.fill(candidateHost, null);
  }

  /**
   * Considers a valid RTP packet of a negotiated payload type from {@code host:port}. Returns null when the
   * leg should take it (it comes from the learnt source, or it completed a source's learning), else why it
   * is dropped: {@link RtpDrop#LEARNING} or {@link RtpDrop#FOREIGN_SOURCE}.
   */
  public synchronized RtpDrop onPacket(String host, int port, long ssrc, int seq, long now) {
    if (latched && port == sourcePort && host.equals(sourceHost)) {
      lastAcceptedNanos = now; // a new SSRC from the same address is the same party restarting its stream
      return null;
    }
    if (latched && now - lastAcceptedNanos < silenceNanos && !sdpAddress.is(host, port)) {
      return RtpDrop.FOREIGN_SOURCE;
    }
    int slot = slotOf(host, port);
    int step = (seq - candidateSeq[slot]) & 0xffff;
    if (candidateHost[slot] != null && candidateSsrc[slot] == ssrc && step >= 1 && step <= MAX_SEQUENCE_STEP) {
      candidateCount[slot]++; // in a row, perhaps after a few losses
      candidateSeq[slot] = seq;
    } else if (candidateHost[slot] != null && candidateSsrc[slot] == ssrc
        && (step == 0 || step > 0xffff - MAX_SEQUENCE_STEP)) {
      candidateSeen[slot] = now; // a duplicate or a late packet: neither advances nor restarts the count
      return RtpDrop.LEARNING;
    } else {
      candidateHost[slot] = host; // a new source, a new SSRC or a jump: probation starts again
      candidatePort[slot] = port;
      candidateSsrc[slot] = ssrc;
      candidateSeq[slot] = seq;
      candidateCount[slot] = 1;
    }
    candidateSeen[slot] = now;
    if (candidateCount[slot] < learningPackets) {
      return RtpDrop.LEARNING;
    }
    latch(host, port, now);
    return null;
  }

  private void latch(String host, int port, long now) {
    if (latched) {
      sourceChanges++;
    }
    latched = true;
    sourceHost = host;
    sourcePort = port;
    lastAcceptedNanos = now;
    java.util.Arrays.fill(candidateHost, null);
    if (symmetric && !target.is(host, port)) {
      target = new RtpTarget(host, port);
    }
  }

  /** The slot already tracking {@code host:port}, else a free one, else the one heard from longest ago. */
  private int slotOf(String host, int port) {
    int free = -1;
    for (int i = 0; i < SLOTS; i++) {
      String h = candidateHost[i];
      if (h == null) {
        free = free < 0 ? i : free;
      } else if (candidatePort[i] == port && h.equals(host)) {
        return i;
      }
    }
    if (free >= 0) {
      return free;
    }
    int stalest = 0;
    for (int i = 1; i < SLOTS; i++) {
      if (candidateSeen[i] - candidateSeen[stalest] < 0) {
        stalest = i;
      }
    }
    return stalest;
  }

  /**
   * Whether an RTCP packet from {@code host} may be taken: from the learnt source's host (its RTCP port may
   * differ behind NAT), or from anyone while nothing is learnt yet.
   */
  public synchronized boolean acceptsRtcpFrom(String host) {
    return !latched || host.equals(sourceHost);
  }

  /** Where to send now: the learnt source, or the SDP address until one is learnt (always, without symmetric). */
  public RtpTarget target() {
    return target;
  }

  public synchronized boolean latched() {
    return latched;
  }

  /** How often a learnt source was replaced by another (the first latch does not count). */
  public synchronized long sourceChanges() {
    return sourceChanges;
  }
}
