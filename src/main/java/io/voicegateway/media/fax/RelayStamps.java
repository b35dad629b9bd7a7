package io.voicegateway.media.fax;

import io.voicegateway.media.rtp.RtpPacketizer;

/**
 * Writes relayed payloads into the far leg's own RTP stream: the far leg's SSRC and sequence numbers (a packet
 * lost on the way in skips as many numbers on the way out, so the far end's loss count is true), and timestamps
 * that keep the sender's spacing, anchored where the far leg's stream stood when relaying began (or the source
 * restarted). Mixer thread only; one per direction.
 */
public final class RelayStamps {
  private boolean anchored;
  private int epoch;
  private long anchorIn;
  private long anchorOut;

  /** Forget the anchor: the next packet starts a talkspurt at the far leg's current timestamp. */
  public void reset() {
    anchored = false;
  }

  /** Writes the RTP header of the packet {@link RelayRing#poll} just returned into {@code packet} at 0. */
  public void header(RelayRing ring, RtpPacketizer far, byte[] packet, int payloadType, int payloadLength) {
    if (!anchored || ring.epoch() != epoch) {
      anchored = true;
      epoch = ring.epoch();
      anchorIn = ring.timestamp();
      anchorOut = far.timestamp();
      far.talkspurt();
    } else if (ring.lostBefore() > 0) {
      far.skip((int) Math.min(ring.lostBefore(), RelayRing.SLOTS));
    }
    long ts = (anchorOut + ring.timestamp() - anchorIn) & 0xffffffffL;
    far.header(packet, payloadType, ts, false, payloadLength);
  }
}
