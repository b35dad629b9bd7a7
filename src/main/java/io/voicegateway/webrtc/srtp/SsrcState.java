package io.voicegateway.webrtc.srtp;

/**
 * One SSRC's crypto state in one direction: the rollover counter and highest sequence number that together give
 * the 48-bit packet index (RFC 3711 §3.3.1), the replay windows, and the next SRTCP index to send.
 */
final class SsrcState {
  int ssrc;
  private boolean started;
  private long roc;
  private int highestSeq;
  final ReplayWindow rtpWindow = new ReplayWindow();
  final ReplayWindow rtcpWindow = new ReplayWindow();
  private int nextRtcpIndex;

  SsrcState(int ssrc) {
    this.ssrc = ssrc;
  }

  /** Makes this the fresh state of {@code newSsrc}: how an unproven stream is tried without allocating. */
  void reset(int newSsrc) {
    ssrc = newSsrc;
    started = false;
    roc = 0;
    highestSeq = 0;
    rtpWindow.reset();
    rtcpWindow.reset();
    nextRtcpIndex = 0;
  }

  /**
   * The index a packet with {@code seq} most likely has (RFC 3711 Appendix A): the rollover counter of the
   * highest sequence seen, one less, or one more, whichever puts the packet closest to it. Negative for a packet
   * from before the first rollover counter (too old to place).
   */
  long guessIndex(int seq) {
    if (!started) {
      return seq;
    }
    long v;
    if (highestSeq < 32768) {
      v = seq - highestSeq > 32768 ? roc - 1 : roc;
    } else {
      v = highestSeq - 32768 > seq ? roc + 1 : roc;
    }
    return v < 0 ? -1 : (v << 16) | seq;
  }

  /** Records an index that passed authentication (or that we just sent). */
  void advance(long index) {
    long v = index >>> 16;
    int seq = (int) (index & 0xffff);
    if (!started) {
      started = true;
      roc = v;
      highestSeq = seq;
    } else if (v > roc) {
      roc = v;
      highestSeq = seq;
    } else if (v == roc && seq > highestSeq) {
      highestSeq = seq;
    }
  }

  long roc() {
    return roc;
  }

  /** The SRTCP index for the next packet sent; 31 bits, wrapping (RFC 3711 §3.4 asks for re-keying first). */
  int takeRtcpIndex() {
    int index = nextRtcpIndex;
    nextRtcpIndex = (nextRtcpIndex + 1) & 0x7fffffff;
    return index;
  }

  void setNextRtcpIndex(int index) {
    nextRtcpIndex = index & 0x7fffffff;
  }
}
