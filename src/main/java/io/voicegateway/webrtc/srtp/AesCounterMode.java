package io.voicegateway.webrtc.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode (RFC 3711 §4.1.1) built on one AES/ECB cipher that is kept for the context's life: the JDK's
 * AES/CTR would need a new IvParameterSpec and an init per packet, both of which allocate. The counter blocks for
 * a whole packet are laid out in a reused buffer and encrypted in one call, so steady state allocates nothing.
 */
final class AesCounterMode {
  private final Cipher ecb;
  private byte[] counters = new byte[2048];
  private byte[] keystream = new byte[2048];

  AesCounterMode(byte[] key) {
    try {
      ecb = Cipher.getInstance("AES/ECB/NoPadding");
      ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is missing from this JVM", e);
    }
  }

  /** XORs {@code len} bytes of {@code buf} at {@code off} with the keystream that starts at the 16-byte {@code iv}. */
  void xorKeystream(byte[] iv, byte[] buf, int off, int len) {
    if (len <= 0) {
      return;
    }
    int bytes = (len + 15) & ~15;
    if (bytes > counters.length) {
      counters = new byte[bytes];
      keystream = new byte[bytes];
    }
    for (int block = 0, at = 0; at < bytes; block++, at += 16) {
      System.arraycopy(iv, 0, counters, at, 16);
      int carry = block;
      for (int i = at + 15; i >= at && carry != 0; i--) {
        int sum = (counters[i] & 0xff) + (carry & 0xff);
        counters[i] = (byte) sum;
        carry = (carry >>> 8) + (sum >>> 8);
      }
    }
    try {
      ecb.update(counters, 0, bytes, keystream, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("keystream buffer too small", e);
    }
    for (int i = 0; i < len; i++) {
      buf[off + i] ^= keystream[i];
    }
  }
}
