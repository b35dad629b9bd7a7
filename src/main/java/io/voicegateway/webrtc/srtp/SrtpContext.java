package io.voicegateway.webrtc.srtp;

/**
 * SRTP and SRTCP for one direction of one DTLS-SRTP association: built from that direction's master key and salt,
 * it protects what we send or unprotects what we receive, keeping per-SSRC rollover counters, replay windows and
 * SRTCP indices. All work happens in the caller's buffer; once a stream has been seen nothing is allocated per
 * packet, in either profile. A rejected packet returns a negative {@link SrtpResult} and bumps a counter; nothing
 * is thrown or logged per packet.
 *
 * <p>Not thread-safe: one context belongs to the one thread that handles the leg's packets. The counters may be
 * read from elsewhere for metrics and are then merely a little stale.
 *
 * <p>Why our own code over javax.crypto rather than {@code org.jitsi:jitsi-srtp:1.1-23-gaf3cd06} (Apache-2.0, and
 * the mature choice): jitsi-srtp brings jitsi-utils (with the Kotlin standard library and Jitsi's own logger,
 * which every context must be given) and JNI OpenSSL binaries into the fat jar; its API works on its own
 * {@code ByteArrayBuffer} type and grows that buffer for the tag, where this gateway owns its packet buffers;
 * and the only published line is a git-describe build, not a release. What SRTP needs beyond the JDK's AES and
 * SHA-1 is small and fully pinned by the RFC 3711 and RFC 7714 test vectors (see the unit tests), so the code
 * here stays short enough to read and lets the media path keep to its no-allocation rule. The JDK's own AES/CTR,
 * AES/GCM and HmacSHA1 are not used per packet either: each allocates per call (a new IV spec and GCM state, about
 * 2.3 KB a packet for GCM; a new result array for Mac) and GCM throws on a bad tag, so the per-packet work is
 * AES/ECB (for counter mode and GCM) and SHA-1 from the JDK, with the modes and HMAC around them here.
 */
public final class SrtpContext {
  /** SSRCs tracked per context: a browser leg sends one audio SSRC, plus a few for RTCP-only or re-offers. */
  public static final int MAX_STREAMS = 16;

  private static final int RTP_HEADER = 12;
  private static final int RTCP_HEADER = 8;

  private final SrtpProfile profile;
  private final PacketCipher cipher;
  private final SsrcState[] streams = new SsrcState[MAX_STREAMS];
  private int streamCount;
  /**
   * An unknown SSRC on the receive side is tried in this spare state and kept only once a packet of it
   * authenticates, so forged packets with made-up SSRCs cannot fill the table and lock the real streams out.
   */
  private SsrcState candidate = new SsrcState(0);

  private long authFailures;
  private long replays;
  private long malformed;

  SrtpContext(SrtpProfile profile, SessionKeys keys) {
    this.profile = profile;
    this.cipher = profile == SrtpProfile.AEAD_AES_128_GCM ? new AesGcmCipher(keys) : new AesCmHmacCipher(keys);
  }

  /**
   * @param masterKey  this direction's master key from the DTLS-SRTP exporter ({@link SrtpProfile#keyLength})
   * @param masterSalt this direction's master salt ({@link SrtpProfile#saltLength})
   * @throws IllegalArgumentException when a length does not fit the profile
   */
  public static SrtpContext create(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
    return new SrtpContext(profile, SessionKeys.derive(profile, masterKey, masterSalt));
  }

  public SrtpProfile profile() {
    return profile;
  }

  /**
   * Encrypts the RTP packet at {@code buf[off, off+len)} in place and appends the tag, so the buffer needs
   * {@link SrtpProfile#tagLength} free bytes after the packet.
   *
   * @return the SRTP packet's length, or a negative {@link SrtpResult}
   */
  public int protectRtp(byte[] buf, int off, int len) {
    int headerLen = rtpHeaderLength(buf, off, len);
    if (headerLen < 0) {
      return headerLen;
    }
    if (buf.length - off - len < profile.tagLength()) {
      return SrtpResult.NO_ROOM;
    }
    SsrcState stream = stream(rtpSsrc(buf, off));
    if (stream == null) {
      return SrtpResult.TOO_MANY_STREAMS;
    }
    long index = stream.guessIndex(rtpSeq(buf, off));
    // Sending an index twice would reuse a keystream (a GCM nonce, even): refuse it rather than leak the payload.
    if (index < 0 || !stream.rtpWindow.isFresh(index)) {
      return SrtpResult.REPLAYED;
    }
    stream.rtpWindow.accept(index);
    stream.advance(index);
    return cipher.protectRtp(buf, off, headerLen, len, stream.ssrc, index);
  }

  /**
   * Checks and decrypts the SRTP packet at {@code buf[off, off+len)} in place.
   *
   * @return the RTP packet's length (the tag dropped), or a negative {@link SrtpResult}
   */
  public int unprotectRtp(byte[] buf, int off, int len) {
    int headerLen = rtpHeaderLength(buf, off, len);
    if (headerLen < 0 || len - headerLen < profile.tagLength()) {
      malformed++;
      return SrtpResult.MALFORMED;
    }
    SsrcState stream = receivingStream(rtpSsrc(buf, off));
    if (stream == null) {
      malformed++;
      return SrtpResult.TOO_MANY_STREAMS;
    }
    long index = stream.guessIndex(rtpSeq(buf, off));
    if (index < 0 || !stream.rtpWindow.isFresh(index)) {
      replays++;
      return SrtpResult.REPLAYED;
    }
    int result = cipher.unprotectRtp(buf, off, headerLen, len, stream.ssrc, index);
    if (result < 0) {
      authFailures++;
      return result;
    }
    keep(stream);
    stream.rtpWindow.accept(index);
    stream.advance(index);
    return result;
  }

  /**
   * Encrypts the (compound) RTCP packet at {@code buf[off, off+len)} in place and appends the SRTCP index with
   * the E-bit set and the tag: {@link SrtpProfile#rtcpOverhead} free bytes are needed after it.
   *
   * @return the SRTCP packet's length, or a negative {@link SrtpResult}
   */
  public int protectRtcp(byte[] buf, int off, int len) {
    if (!isRtcp(buf, off, len, RTCP_HEADER)) {
      return SrtpResult.MALFORMED;
    }
    if (buf.length - off - len < profile.rtcpOverhead()) {
      return SrtpResult.NO_ROOM;
    }
    SsrcState stream = stream(readInt(buf, off + 4));
    if (stream == null) {
      return SrtpResult.TOO_MANY_STREAMS;
    }
    return cipher.protectRtcp(buf, off, len, stream.ssrc, stream.takeRtcpIndex());
  }

  /**
   * Checks and (E-bit set) decrypts the SRTCP packet at {@code buf[off, off+len)} in place.
   *
   * @return the RTCP packet's length, or a negative {@link SrtpResult}
   */
  public int unprotectRtcp(byte[] buf, int off, int len) {
    if (!isRtcp(buf, off, len, RTCP_HEADER + profile.rtcpOverhead())) {
      malformed++;
      return SrtpResult.MALFORMED;
    }
    SsrcState stream = receivingStream(readInt(buf, off + 4));
    if (stream == null) {
      malformed++;
      return SrtpResult.TOO_MANY_STREAMS;
    }
    int eAndIndex = readInt(buf, off + cipher.rtcpIndexOffset(len));
    long index = eAndIndex & 0x7fffffffL;
    if (!stream.rtcpWindow.isFresh(index)) {
      replays++;
      return SrtpResult.REPLAYED;
    }
    int result = cipher.unprotectRtcp(buf, off, len, stream.ssrc, eAndIndex);
    if (result < 0) {
      authFailures++;
      return result;
    }
    keep(stream);
    stream.rtcpWindow.accept(index);
    return result;
  }

  /** Packets dropped because their tag did not verify. */
  public long authFailures() {
    return authFailures;
  }

  /** Packets dropped as replays or as older than the window. */
  public long replays() {
    return replays;
  }

  /** Packets dropped as unparseable (or from one SSRC too many). */
  public long malformed() {
    return malformed;
  }

  /** Test hook: start a stream's SRTCP index where a published vector starts. */
  void setNextRtcpIndex(int ssrc, int index) {
    stream(ssrc).setNextRtcpIndex(index);
  }

  /** A sending stream, created on first use: what we send is ours to trust. */
  private SsrcState stream(int ssrc) {
    SsrcState known = find(ssrc);
    if (known != null || streamCount == MAX_STREAMS) {
      return known;
    }
    SsrcState created = new SsrcState(ssrc);
    streams[streamCount++] = created;
    return created;
  }

  /** A receiving stream: the known one, or the spare reset for this SSRC until a packet of it authenticates. */
  private SsrcState receivingStream(int ssrc) {
    SsrcState known = find(ssrc);
    if (known != null || streamCount == MAX_STREAMS) {
      return known;
    }
    candidate.reset(ssrc);
    return candidate;
  }

  private void keep(SsrcState stream) {
    if (stream == candidate) {
      streams[streamCount++] = candidate;
      candidate = new SsrcState(0);
    }
  }

  private SsrcState find(int ssrc) {
    for (int i = 0; i < streamCount; i++) {
      if (streams[i].ssrc == ssrc) {
        return streams[i];
      }
    }
    return null;
  }

  /** The fixed header, CSRCs and header extension: what stays in clear. Negative when the packet is not RTP. */
  private static int rtpHeaderLength(byte[] buf, int off, int len) {
    if (len < RTP_HEADER || off < 0 || off + len > buf.length || (buf[off] & 0xc0) != 0x80) {
      return SrtpResult.MALFORMED;
    }
    int headerLen = RTP_HEADER + 4 * (buf[off] & 0x0f);
    if ((buf[off] & 0x10) != 0) {
      if (headerLen + 4 > len) {
        return SrtpResult.MALFORMED;
      }
      int words = ((buf[off + headerLen + 2] & 0xff) << 8) | (buf[off + headerLen + 3] & 0xff);
      headerLen += 4 + 4 * words;
    }
    return headerLen <= len ? headerLen : SrtpResult.MALFORMED;
  }

  private static boolean isRtcp(byte[] buf, int off, int len, int minimum) {
    return len >= minimum && off >= 0 && off + len <= buf.length && (buf[off] & 0xc0) == 0x80;
  }

  private static int rtpSeq(byte[] buf, int off) {
    return ((buf[off + 2] & 0xff) << 8) | (buf[off + 3] & 0xff);
  }

  private static int rtpSsrc(byte[] buf, int off) {
    return readInt(buf, off + 8);
  }

  private static int readInt(byte[] buf, int at) {
    return ((buf[at] & 0xff) << 24) | ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8) | (buf[at + 3] & 0xff);
  }
}
