package io.voicegateway.webrtc;

/**
 * What arrived on a WebRTC leg's one UDP port: STUN, DTLS and SRTP/SRTCP share it (BUNDLE and rtcp-mux), so each
 * datagram is told apart by its first byte (RFC 7983 §7) and, for media, RTCP from RTP by its second (RFC 5761 §4).
 */
public enum PacketKind {
  /** First byte 0–3: a STUN message (binding checks, consent). */
  STUN,
  /** First byte 16–19: ZRTP; WebRTC does not use it, so the leg drops it. */
  ZRTP,
  /** First byte 20–63: a DTLS record (the key exchange). */
  DTLS,
  /** First byte 64–79: TURN ChannelData; a host-candidate-only leg drops it. */
  TURN_CHANNEL,
  /**
   * First byte 128–191: RTP — or RTCP, which {@link #of(byte)} cannot tell from one byte; {@link #of(byte, byte)}
   * and {@link #of(byte[], int)} can.
   */
  RTP,
  /** First byte 128–191 and second byte 192–223: RTCP (RFC 5761 §4). */
  RTCP,
  /** Anything else (RFC 7983 §7: drop it). */
  UNKNOWN;

  /** The RFC 7983 range of {@code first}; the whole 128–191 media range answers {@link #RTP}. */
  public static PacketKind of(byte first) {
    int b = first & 0xFF;
    if (b <= 3) {
      return STUN;
    }
    if (b >= 16 && b <= 19) {
      return ZRTP;
    }
    if (b >= 20 && b <= 63) {
      return DTLS;
    }
    if (b >= 64 && b <= 79) {
      return TURN_CHANNEL;
    }
    if (b >= 128 && b <= 191) {
      return RTP;
    }
    return UNKNOWN;
  }

  /**
   * As {@link #of(byte)}, with media split by the second byte: RTCP packet types 192–223 are the RTP marker bit set
   * with payload types 64–95, which RFC 5761 §4 keeps out of use for RTP so that the two never collide.
   */
  public static PacketKind of(byte first, byte second) {
    PacketKind kind = of(first);
    if (kind == RTP) {
      int pt = second & 0xFF;
      if (pt >= 192 && pt <= 223) {
        return RTCP;
      }
    }
    return kind;
  }

  /** The kind of a datagram of {@code length} bytes; one too short to hold its kind's header is {@link #UNKNOWN}. */
  public static PacketKind of(byte[] datagram, int length) {
    if (length < 1 || length > datagram.length) {
      return UNKNOWN;
    }
    PacketKind kind = of(datagram[0]);
    if (kind == RTP) {
      // An RTCP header is 8 bytes and an RTP header 12: shorter is junk, whatever its second byte says.
      if (length < 8) {
        return UNKNOWN;
      }
      kind = of(datagram[0], datagram[1]);
      return kind == RTP && length < 12 ? UNKNOWN : kind;
    }
    return kind;
  }

  /** True for RTP and RTCP, the two that SRTP protects. */
  public boolean isMedia() {
    return this == RTP || this == RTCP;
  }
}
