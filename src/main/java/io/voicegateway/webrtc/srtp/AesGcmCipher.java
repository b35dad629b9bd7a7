package io.voicegateway.webrtc.srtp;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM (RFC 7714): the RTP header (SRTP), or the first 8 bytes plus the E-bit|index word (SRTCP), is
 * associated data; the tag follows the ciphertext and, for SRTCP, the word follows the tag (§9.2). The 12-byte IV
 * is the session salt XOR (00 00 | SSRC | ROC | SEQ), or XOR (00 00 | SSRC | 00 00 | index) for SRTCP.
 *
 * <p>Uses the JDK's AES/GCM. Two costs follow that the AES-CM profile does not have: each packet needs a new
 * GCMParameterSpec (the JDK takes no other form of IV for GCM), and a bad tag arrives as an AEADBadTagException that
 * is caught here and turned into {@link SrtpResult#AUTH_FAILED}. The cipher works through a scratch buffer, since
 * in-place GCM in the JDK copies the input anyway.
 */
final class AesGcmCipher implements PacketCipher {
  private static final int TAG = 16;
  private static final int TAG_BITS = 128;

  private final Cipher gcm;
  private final SecretKeySpec rtpKey;
  private final SecretKeySpec rtcpKey;
  private final byte[] rtpSalt;
  private final byte[] rtcpSalt;
  private final byte[] iv = new byte[12];
  private final byte[] word = new byte[4];
  private byte[] scratch = new byte[2048];

  AesGcmCipher(SessionKeys keys) {
    try {
      gcm = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is missing from this JVM", e);
    }
    rtpKey = new SecretKeySpec(keys.rtpKey(), "AES");
    rtcpKey = new SecretKeySpec(keys.rtcpKey(), "AES");
    rtpSalt = keys.rtpSalt();
    rtcpSalt = keys.rtcpSalt();
  }

  @Override
  public int protectRtp(byte[] buf, int off, int headerLen, int len, int ssrc, long index) {
    init(Cipher.ENCRYPT_MODE, rtpKey, iv(rtpSalt, ssrc, index));
    gcm.updateAAD(buf, off, headerLen);
    int out = run(buf, off + headerLen, len - headerLen);
    System.arraycopy(scratch, 0, buf, off + headerLen, out);
    return headerLen + out;
  }

  @Override
  public int unprotectRtp(byte[] buf, int off, int headerLen, int len, int ssrc, long index) {
    if (len - headerLen < TAG) {
      return SrtpResult.MALFORMED;
    }
    init(Cipher.DECRYPT_MODE, rtpKey, iv(rtpSalt, ssrc, index));
    gcm.updateAAD(buf, off, headerLen);
    int out = run(buf, off + headerLen, len - headerLen);
    if (out < 0) {
      return out;
    }
    System.arraycopy(scratch, 0, buf, off + headerLen, out);
    return headerLen + out;
  }

  @Override
  public int protectRtcp(byte[] buf, int off, int len, int ssrc, int index) {
    int eAndIndex = 0x80000000 | index;
    PacketCipher.putInt(word, 0, eAndIndex);
    init(Cipher.ENCRYPT_MODE, rtcpKey, iv(rtcpSalt, ssrc, index));
    gcm.updateAAD(buf, off, 8);
    gcm.updateAAD(word, 0, 4);
    int out = run(buf, off + 8, len - 8);
    System.arraycopy(scratch, 0, buf, off + 8, out);
    PacketCipher.putInt(buf, off + 8 + out, eAndIndex);
    return 8 + out + 4;
  }

  @Override
  public int rtcpIndexOffset(int len) {
    return len - 4;
  }

  @Override
  public int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int eAndIndex) {
    int body = len - 4;
    PacketCipher.putInt(word, 0, eAndIndex);
    init(Cipher.DECRYPT_MODE, rtcpKey, iv(rtcpSalt, ssrc, eAndIndex & 0x7fffffff));
    if (eAndIndex < 0) {
      gcm.updateAAD(buf, off, 8);
      gcm.updateAAD(word, 0, 4);
      int out = run(buf, off + 8, body - 8);
      if (out < 0) {
        return out;
      }
      System.arraycopy(scratch, 0, buf, off + 8, out);
      return 8 + out;
    }
    // E-bit clear (§9.3): nothing is encrypted, the whole packet and the word are associated data.
    int plainLen = body - TAG;
    gcm.updateAAD(buf, off, plainLen);
    gcm.updateAAD(word, 0, 4);
    int out = run(buf, off + plainLen, TAG);
    return out < 0 ? out : plainLen;
  }

  private int run(byte[] buf, int from, int len) {
    if (scratch.length < len + TAG) {
      scratch = new byte[len + TAG];
    }
    try {
      return gcm.doFinal(buf, from, len, scratch, 0);
    } catch (AEADBadTagException e) {
      return SrtpResult.AUTH_FAILED;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("GCM failed on a sized buffer", e);
    }
  }

  private void init(int mode, SecretKeySpec key, byte[] ivBytes) {
    try {
      gcm.init(mode, key, new GCMParameterSpec(TAG_BITS, ivBytes));
    } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
      throw new IllegalStateException("GCM refused a 128-bit key or a fresh IV", e);
    }
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
