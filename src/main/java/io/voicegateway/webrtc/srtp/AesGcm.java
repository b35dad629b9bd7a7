package io.voicegateway.webrtc.srtp;

/**
 * AES-GCM (NIST SP 800-38D) with a 96-bit nonce and 128-bit tag, written over {@link AesCounterMode} because the
 * JDK's AES/GCM costs about 2.3 KB of garbage per packet (a new GCMParameterSpec, the cipher's per-init state) and
 * reports a bad tag by throwing. Here a message is begin → aad → seal/open on the caller's buffer, and nothing is
 * allocated. GHASH multiplies bit by bit without branching on data (masks instead of ifs), so its timing does not
 * depend on the hash key or the message; a table-driven multiply would be faster and is left for when profiles
 * show it matters.
 */
final class AesGcm {
  static final int TAG = 16;
  private static final long R = 0xE100000000000000L;

  private final AesCounterMode aes;
  private final long hashKeyHi;
  private final long hashKeyLo;
  private final byte[] j0 = new byte[16];
  private final byte[] counter = new byte[16];
  private final byte[] block = new byte[16];
  private final byte[] tag = new byte[TAG];
  private int blockFill;
  private long yHi;
  private long yLo;
  private long aadLength;

  AesGcm(byte[] key) {
    aes = new AesCounterMode(key);
    byte[] h = new byte[16];
    aes.xorKeystream(new byte[16], h, 0, 16);
    hashKeyHi = readLong(h, 0);
    hashKeyLo = readLong(h, 8);
  }

  /** Starts a message under a 12-byte nonce: J0 = nonce || 00000001. */
  void begin(byte[] nonce) {
    System.arraycopy(nonce, 0, j0, 0, 12);
    j0[12] = 0;
    j0[13] = 0;
    j0[14] = 0;
    j0[15] = 1;
    yHi = 0;
    yLo = 0;
    blockFill = 0;
    aadLength = 0;
  }

  /** Adds associated data; may be called more than once, before {@link #seal} or {@link #open}. */
  void aad(byte[] buf, int off, int len) {
    absorb(buf, off, len);
    aadLength += len;
  }

  /** Encrypts {@code buf[off, off+len)} in place and writes the tag right after it. */
  void seal(byte[] buf, int off, int len) {
    pad();
    aes.xorKeystream(firstCounter(), buf, off, len);
    absorb(buf, off, len);
    computeTag(len);
    System.arraycopy(tag, 0, buf, off + len, TAG);
  }

  /**
   * Checks the tag at {@code buf[off+len, off+len+16)} against {@code buf[off, off+len)} and only then decrypts in
   * place. False (and nothing decrypted) when the tag does not match.
   */
  boolean open(byte[] buf, int off, int len) {
    pad();
    absorb(buf, off, len);
    computeTag(len);
    if (!PacketCipher.equalInConstantTime(tag, 0, buf, off + len, TAG)) {
      return false;
    }
    aes.xorKeystream(firstCounter(), buf, off, len);
    return true;
  }

  private byte[] firstCounter() {
    System.arraycopy(j0, 0, counter, 0, 16);
    counter[15] = 2;
    return counter;
  }

  private void computeTag(int textLength) {
    pad();
    multiplyIn(aadLength * 8, (long) textLength * 8);
    writeLong(tag, 0, yHi);
    writeLong(tag, 8, yLo);
    aes.xorKeystream(j0, tag, 0, TAG);
  }

  private void absorb(byte[] buf, int off, int len) {
    int end = off + len;
    while (off < end) {
      if (blockFill == 0 && end - off >= 16) {
        multiplyIn(readLong(buf, off), readLong(buf, off + 8));
        off += 16;
      } else {
        block[blockFill++] = buf[off++];
        if (blockFill == 16) {
          multiplyIn(readLong(block, 0), readLong(block, 8));
          blockFill = 0;
        }
      }
    }
  }

  private void pad() {
    if (blockFill > 0) {
      for (int i = blockFill; i < 16; i++) {
        block[i] = 0;
      }
      multiplyIn(readLong(block, 0), readLong(block, 8));
      blockFill = 0;
    }
  }

  /** Y = (Y XOR X) · H in GF(2^128), SP 800-38D Algorithm 1, branch-free. */
  private void multiplyIn(long xHi, long xLo) {
    long aHi = yHi ^ xHi;
    long aLo = yLo ^ xLo;
    long zHi = 0;
    long zLo = 0;
    long vHi = hashKeyHi;
    long vLo = hashKeyLo;
    for (int i = 0; i < 128; i++) {
      long bit = i < 64 ? aHi >>> (63 - i) : aLo >>> (127 - i);
      long take = -(bit & 1);
      zHi ^= vHi & take;
      zLo ^= vLo & take;
      long reduce = -(vLo & 1);
      vLo = (vLo >>> 1) | (vHi << 63);
      vHi = (vHi >>> 1) ^ (R & reduce);
    }
    yHi = zHi;
    yLo = zLo;
  }

  private static long readLong(byte[] buf, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[at + i] & 0xff);
    }
    return v;
  }

  private static void writeLong(byte[] buf, int at, long v) {
    for (int i = 7; i >= 0; i--) {
      buf[at + i] = (byte) v;
      v >>>= 8;
    }
  }
}
