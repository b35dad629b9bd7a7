package io.voicegateway.webrtc.srtp;

/**
 * AES_CM_128_HMAC_SHA1_80 (RFC 3711 §4.1.1, §4.2.1): AES counter mode keyed per direction, an 80-bit HMAC-SHA1
 * tag over the header, the ciphertext and the rollover counter (SRTP), or over the packet and the E-bit|index word
 * (SRTCP, where the word comes before the tag). Encrypt-then-MAC: the tag is checked before anything is decrypted.
 */
final class AesCmHmacCipher implements PacketCipher {
  private static final int TAG = 10;

  private final AesCounterMode rtpCipher;
  private final AesCounterMode rtcpCipher;
  private final HmacSha1 rtpMac;
  private final HmacSha1 rtcpMac;
  private final byte[] rtpSalt;
  private final byte[] rtcpSalt;
  private final byte[] iv = new byte[16];
  private final byte[] mac = new byte[HmacSha1.LENGTH];

  AesCmHmacCipher(SessionKeys keys) {
    rtpCipher = new AesCounterMode(keys.rtpKey());
    rtcpCipher = new AesCounterMode(keys.rtcpKey());
    rtpMac = new HmacSha1(keys.rtpAuthKey());
    rtcpMac = new HmacSha1(keys.rtcpAuthKey());
    rtpSalt = keys.rtpSalt();
    rtcpSalt = keys.rtcpSalt();
  }

  @Override
  public int protectRtp(byte[] buf, int off, int headerLen, int len, int ssrc, long index) {
    rtpCipher.xorKeystream(iv(rtpSalt, ssrc, index), buf, off + headerLen, len - headerLen);
    rtpTag(buf, off, len, (int) (index >>> 16));
    System.arraycopy(mac, 0, buf, off + len, TAG);
    return len + TAG;
  }

  @Override
  public int unprotectRtp(byte[] buf, int off, int headerLen, int len, int ssrc, long index) {
    int plainLen = len - TAG;
    if (plainLen < headerLen) {
      return SrtpResult.MALFORMED;
    }
    rtpTag(buf, off, plainLen, (int) (index >>> 16));
    if (!PacketCipher.equalInConstantTime(mac, 0, buf, off + plainLen, TAG)) {
      return SrtpResult.AUTH_FAILED;
    }
    rtpCipher.xorKeystream(iv(rtpSalt, ssrc, index), buf, off + headerLen, plainLen - headerLen);
    return plainLen;
  }

  @Override
  public int protectRtcp(byte[] buf, int off, int len, int ssrc, int index) {
    rtcpCipher.xorKeystream(iv(rtcpSalt, ssrc, index), buf, off + 8, len - 8);
    PacketCipher.putInt(buf, off + len, 0x80000000 | index);
    rtcpMac.update(buf, off, len + 4);
    rtcpMac.finish(mac, 0);
    System.arraycopy(mac, 0, buf, off + len + 4, TAG);
    return len + 4 + TAG;
  }

  @Override
  public int rtcpIndexOffset(int len) {
    return len - TAG - 4;
  }

  @Override
  public int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int eAndIndex) {
    int authenticated = len - TAG;
    rtcpMac.update(buf, off, authenticated);
    rtcpMac.finish(mac, 0);
    if (!PacketCipher.equalInConstantTime(mac, 0, buf, off + authenticated, TAG)) {
      return SrtpResult.AUTH_FAILED;
    }
    int plainLen = authenticated - 4;
    if (eAndIndex < 0) {
      rtcpCipher.xorKeystream(iv(rtcpSalt, ssrc, eAndIndex & 0x7fffffff), buf, off + 8, plainLen - 8);
    }
    return plainLen;
  }

  private void rtpTag(byte[] buf, int off, int len, int roc) {
    rtpMac.update(buf, off, len);
    rtpMac.update((byte) (roc >>> 24));
    rtpMac.update((byte) (roc >>> 16));
    rtpMac.update((byte) (roc >>> 8));
    rtpMac.update((byte) roc);
    rtpMac.finish(mac, 0);
  }

  /** IV = (salt · 2^16) XOR (SSRC · 2^64) XOR (index · 2^16), RFC 3711 §4.1.1. */
  private byte[] iv(byte[] salt, int ssrc, long index) {
    System.arraycopy(salt, 0, iv, 0, 14);
    iv[14] = 0;
    iv[15] = 0;
    iv[4] ^= (byte) (ssrc >>> 24);
    iv[5] ^= (byte) (ssrc >>> 16);
    iv[6] ^= (byte) (ssrc >>> 8);
    iv[7] ^= (byte) ssrc;
    for (int i = 0; i < 6; i++) {
      iv[13 - i] ^= (byte) (index >>> (8 * i));
    }
    return iv;
  }
}
