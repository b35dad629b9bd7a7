package io.voicegateway.webrtc.srtp;

/**
 * The SRTP key derivation function of RFC 3711 §4.3 with key derivation rate 0: each session key is the AES-CM
 * keystream under the master key, started at x = (label << 48) XOR master salt, shifted left 16 bits. RFC 7714 §11
 * uses the same PRF for GCM; its 96-bit master salt is zero-padded on the right to the 112 bits of x.
 */
final class SrtpKeyDerivation {
  static final int RTP_ENCRYPTION = 0;
  static final int RTP_AUTH = 1;
  static final int RTP_SALT = 2;
  static final int RTCP_ENCRYPTION = 3;
  static final int RTCP_AUTH = 4;
  static final int RTCP_SALT = 5;

  private SrtpKeyDerivation() {
  }

  static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
    byte[] out = new byte[length];
    if (length == 0) {
      return out;
    }
    byte[] iv = new byte[16];
    System.arraycopy(masterSalt, 0, iv, 0, Math.min(masterSalt.length, 14));
    // key_id = label || index DIV kdr (48 bits, 0 here) sits in the low 56 bits of the 112-bit x: label is byte 7.
    iv[7] ^= (byte) label;
    new AesCounterMode(masterKey).xorKeystream(iv, out, 0, length);
    return out;
  }
}
