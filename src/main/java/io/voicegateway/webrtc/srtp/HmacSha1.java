package io.voicegateway.webrtc.srtp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.DigestException;

/**
 * HMAC-SHA1 (RFC 2104) over a reused MessageDigest, because javax.crypto.Mac hands every result back as a new
 * array. The padded key blocks are computed once; each tag costs two digests and no allocation.
 */
final class HmacSha1 {
  static final int LENGTH = 20;
  private static final int BLOCK = 64;

  private final MessageDigest sha1;
  private final byte[] innerPad = new byte[BLOCK];
  private final byte[] outerPad = new byte[BLOCK];
  private final byte[] innerHash = new byte[LENGTH];

  HmacSha1(byte[] key) {
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
    byte[] k = key.length > BLOCK ? sha1.digest(key) : key;
    for (int i = 0; i < BLOCK; i++) {
      byte b = i < k.length ? k[i] : 0;
      innerPad[i] = (byte) (b ^ 0x36);
      outerPad[i] = (byte) (b ^ 0x5c);
    }
    sha1.reset();
    sha1.update(innerPad);
  }

  void update(byte[] buf, int off, int len) {
    sha1.update(buf, off, len);
  }

  void update(byte b) {
    sha1.update(b);
  }

  /** Writes the 20-byte MAC to {@code out} and readies the next message. */
  void finish(byte[] out, int off) {
    try {
      sha1.digest(innerHash, 0, LENGTH);
      sha1.update(outerPad);
      sha1.update(innerHash);
      sha1.digest(out, off, LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException("output too small for a SHA-1 digest", e);
    }
    sha1.update(innerPad);
  }
}
