package io.voicegateway.media;

import io.voicegateway.media.rtp.RtpDrop;
import io.voicegateway.media.rtp.RtpDropCounter;
import io.voicegateway.media.rtp.RtpPacket;
import io.voicegateway.media.rtp.RtpSourceLatch;

/**
 * What stands between a leg's RTP port and its jitter buffer: parse in place, check the payload type was
 * negotiated, learn the source strictly ({@link RtpSourceLatch}), then hand the packet to the leg. Every
 * datagram that does not get through is counted by reason and dropped; none of them moves the media. One per
 * leg socket, called on its receive thread only; allocates nothing.
 */
public final class RtpReceiveGate {
  private final LegMedia leg;
  private final RtpSourceLatch latch;
  private final RtpDropCounter drops;
  private final RtpPacket packet = new RtpPacket();

  public RtpReceiveGate(LegMedia leg, RtpSourceLatch latch, RtpDropCounter drops) {
    this.leg = leg;
    this.latch = latch;
    this.drops = drops;
  }

  /**
   * One datagram of {@code len} bytes ({@code len < 0}: too big to copy) from {@code host:port}. Returns true
   * when the leg took it as media (the caller counts it and feeds its watchdog).
   */
  public boolean receive(byte[] buf, int len, String host, int port, long now) {
    if (len < 0 || !packet.parse(buf, 0, len)) {
      leg.countInvalid();
      drops.dropped(RtpDrop.NOT_RTP);
      return false;
    }
    if (!leg.negotiated(packet.payloadType())) {
      drops.dropped(RtpDrop.PAYLOAD_TYPE);
      return false;
    }
    long changes = latch.sourceChanges();
    RtpDrop drop = latch.onPacket(host, port, packet.ssrc(), packet.sequenceNumber(), now);
    if (drop != null) {
      drops.dropped(drop);
      return false;
    }
    if (latch.sourceChanges() != changes) {
      drops.sourceChanged();
    }
    return leg.onRtp(packet, now);
  }
}
