package io.voicegateway.webrtc.srtp;

/**
 * A profile's packet transform, once the context has parsed the header and worked out the index. Works in place
 * in the caller's buffer; returns the new length or a negative {@link SrtpResult}.
 */
interface PacketCipher {

  /** Encrypts the payload after {@code headerLen} and appends the tag; the buffer has room. */
  int protectRtp(byte[] buf, int off, int headerLen, int len, int ssrc, long index);

  /** Checks the tag at the end of the packet and decrypts; {@link SrtpResult#AUTH_FAILED} leaves no state. */
  int unprotectRtp(byte[] buf, int off, int headerLen, int len, int ssrc, long index);

  /** Encrypts after the first 8 bytes and appends the tag and E-bit|index word in the profile's order. */
  int protectRtcp(byte[] buf, int off, int len, int ssrc, int index);

  /** Where the E-bit|SRTCP-index word sits in a protected RTCP packet of {@code len} bytes, from {@code off}. */
  int rtcpIndexOffset(int len);

  /** Checks and (when the E-bit is set) decrypts; the word is the E-bit|index read at {@link #rtcpIndexOffset}. */
  int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int eAndIndex);

  /** Compares {@code len} bytes without stopping at the first difference, so timing tells a forger nothing. */
  static boolean equalInConstantTime(byte[] a, int aOff, byte[] b, int bOff, int len) {
    int diff = 0;
    for (int i = 0; i < len; i++) {
      diff |= a[aOff + i] ^ b[bOff + i];
    }
    return diff == 0;
  }

  static void putInt(byte[] buf, int at, int value) {
    buf[at] = (byte) (value >>> 24);
    buf[at + 1] = (byte) (value >>> 16);
    buf[at + 2] = (byte) (value >>> 8);
    buf[at + 3] = (byte) value;
  }
}
