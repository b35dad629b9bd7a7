package io.voicegateway.webrtc.srtp;

/**
 * AEAD_AES_128_GCM (RFC 7714): the RTP header (SRTP), or the first 8 bytes plus the E-bit|index word (SRTCP), is
 * associated data; the tag follows the ciphertext and, for SRTCP, the word follows the tag (§9.2). The 12-byte IV
 * is the session salt XOR (00 00 | SSRC | ROC | SEQ), or XOR (00 00 | SSRC | 00 00 | index) for SRTCP.
 */
final class AesGcmCipher implements PacketCipher {
  private static final int TAG = AesGcm.TAG;

  private final AesGcm rtp;
  private final AesGcm rtcp;
  private final byte[] rtpSalt;
  private final byte[] rtcpSalt;
  private final byte[] iv = new byte[12];
  private final byte[] word = new byte[4];

  AesGcmCipher(SessionKeys keys) {
    rtp = new AesGcm(keys.rtpKey());
    rtcp = new AesGcm(keys.rtcpKey());
    rtpSalt = keys.rtpSalt();
    rtcpSalt = keys.rtcpSalt();
  }

  @Override
  public int protectRtp(byte[] buf, int off, int headerLen, int len, int ssrc, long index) {
    rtp.begin(iv(rtpSalt, ssrc, index));
    rtp.aad(buf, off, headerLen);
    rtp.seal(buf, off + headerLen, len - headerLen);
    return len + TAG;
  }

  @Override
  public int unprotectRtp(byte[] buf, int off, int headerLen, int len, int ssrc, long index) {
    int plainLen = len - TAG;
    if (plainLen < headerLen) {
      return SrtpResult.MALFORMED;
    }
    rtp.begin(iv(rtpSalt, ssrc, index));
    rtp.aad(buf, off, headerLen);
    return rtp.open(buf, off + headerLen, plainLen - headerLen) ? plainLen : SrtpResult.AUTH_FAILED;
  }

  @Override
  public int protectRtcp(byte[] buf, int off, int len, int ssrc, int index) {
    int eAndIndex = 0x80000000 | index;
    PacketCipher.putInt(word, 0, eAndIndex);
    rtcp.begin(iv(rtcpSalt, ssrc, index));
    rtcp.aad(buf, off, 8);
    rtcp.aad(word, 0, 4);
    rtcp.seal(buf, off + 8, len - 8);
    PacketCipher.putInt(buf, off + len + TAG, eAndIndex);
    return len + TAG + 4;
  }

  @Override
  public int rtcpIndexOffset(int len) {
    return len - 4;
  }

  @Override
  public int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int eAndIndex) {
    int plainLen = len - 4 - TAG;
    PacketCipher.putInt(word, 0, eAndIndex);
    rtcp.begin(iv(rtcpSalt, ssrc, eAndIndex & 0x7fffffff));
    boolean authentic;
    if (eAndIndex < 0) {
      rtcp.aad(buf, off, 8);
      rtcp.aad(word, 0, 4);
      authentic = rtcp.open(buf, off + 8, plainLen - 8);
    } else {
      // E-bit clear (§9.3): nothing is encrypted, the whole packet and the word are associated data.
      rtcp.aad(buf, off, plainLen);
      rtcp.aad(word, 0, 4);
      authentic = rtcp.open(buf, off + plainLen, 0);
    }
    return authentic ? plainLen : SrtpResult.AUTH_FAILED;
  }

  /**
   * 00 00 | SSRC | 48-bit index, XOR the salt: the SRTP index is ROC|SEQ and the SRTCP index fits in the same 48
   * bits with two leading zero bytes, so RFC 7714 §8.1 and §9.1 are one layout.
   */
  private byte[] iv(byte[] salt, int ssrc, long index) {
    iv[0] = 0;
    iv[1] = 0;
    PacketCipher.putInt(iv, 2, ssrc);
    for (int i = 0; i < 6; i++) {
      iv[11 - i] = (byte) (index >>> (8 * i));
    }
    for (int i = 0; i < 12; i++) {
      iv[i] ^= salt[i];
    }
    return iv;
  }
}
