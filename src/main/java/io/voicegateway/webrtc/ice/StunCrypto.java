package io.voicegateway.webrtc.ice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The two checksums of a STUN message: MESSAGE-INTEGRITY (RFC 5389 §15.4) and FINGERPRINT (§15.5). */
public final class StunCrypto {
  private StunCrypto() {
  }

  /** RFC 5389 §15.5: the CRC-32 is XORed with this so that a STUN CRC never matches another protocol's. */
  static final int FINGERPRINT_XOR = 0x5354554E;
  static final int INTEGRITY_LENGTH = 20;

  /** The short-term credential key (RFC 5389 §15.4): the password itself; ICE passwords are ASCII (RFC 8445 §5.3). */
  public static byte[] shortTermKey(String password) {
    return password.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The long-term credential key MD5(username ":" realm ":" password) of RFC 5389 §15.4. The caller passes a password
   * already prepared by SASLprep (RFC 4013); ICE never uses long-term credentials, only the test vectors do.
   */
  public static byte[] longTermKey(String username, String realm, String password) {
    try {
      return MessageDigest.getInstance("MD5")
          .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }

  /**
   * HMAC-SHA1 over {@code message[0, end)} as if the header's length field said {@code adjustedLength}: the integrity
   * covers the message up to its MESSAGE-INTEGRITY with the length counting that attribute and nothing after it.
   */
  static byte[] hmacSha1(byte[] key, byte[] message, int offset, int end, int adjustedLength) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      // An empty key is not a valid SecretKeySpec; HMAC pads keys with zeros, so one zero byte is the same key.
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
      mac.update(message, offset, 2);
      mac.update((byte) (adjustedLength >>> 8));
      mac.update((byte) adjustedLength);
      mac.update(message, offset + 4, end - offset - 4);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA1", e);
    }
  }

  /** CRC-32 of {@code message[offset, end)} XOR 0x5354554E (RFC 5389 §15.5). */
  static int fingerprint(byte[] message, int offset, int end) {
    CRC32 crc = new CRC32();
    crc.update(message, offset, end - offset);
    return (int) crc.getValue() ^ FINGERPRINT_XOR;
  }
}
