package io.voicegateway.media.rtp;

/**
 * Where a leg sends RTP. Without symmetric RTP, always the SDP address. With it ({@code rtp_symmetric}),
 * the source of the first valid packet, so phones behind NAT are reached where they actually are; after
 * that a packet from another address moves the target only when it also carries a new SSRC, so a stray or
 * spoofed packet with the current stream's SSRC cannot hijack the media.
 *
 * <p>The leg's RTP thread calls {@link #onPacket}, renegotiation {@link #sdpAddress} (uncontended lock);
 * {@link #target()} is a volatile read for the mixer thread.
 */
public final class SymmetricLatch {
  private final boolean symmetric;
  private RtpTarget sdpAddress;
  private volatile RtpTarget target;
  private boolean latched;
  private long latchedSsrc;
  private long relatches;

  public SymmetricLatch(boolean symmetric, RtpTarget sdpAddress) {
    this.symmetric = symmetric;
    this.sdpAddress = sdpAddress;
    this.target = sdpAddress;
  }

  /**
   * A renegotiation's SDP address. The same address (hold, resume, codec change) keeps the latch; a new
   * one (transfer, a new device) is where media goes now, and the next packet latches again.
   */
  public synchronized void sdpAddress(RtpTarget address) {
    if (address.equals(sdpAddress)) {
      return;
    }
    sdpAddress = address;
    target = address;
    latched = false;
  }

  /**
   * Considers a valid packet from {@code host:port}. Returns true when the target moved. Compares without
   * allocating; a new {@link RtpTarget} is made only when the target moves.
   */
  public synchronized boolean onPacket(String host, int port, long ssrc) {
    if (!symmetric) {
      return false;
    }
    if (!latched) {
      latched = true;
      latchedSsrc = ssrc;
      if (target.is(host, port)) {
        return false;
      }
      target = new RtpTarget(host, port);
      return true;
    }
    if (ssrc != latchedSsrc && !target.is(host, port)) {
      latchedSsrc = ssrc;
      target = new RtpTarget(host, port);
      relatches++;
      return true;
    }
    if (ssrc != latchedSsrc) {
      latchedSsrc = ssrc; // same address, new stream: follow the SSRC, the address stays
    }
    return false;
  }

  /** Where to send now: the latched source, or the SDP address until something valid arrives. */
  public RtpTarget target() {
    return target;
  }

  public boolean latched() {
    return latched;
  }

  public long relatches() {
    return relatches;
  }
}
