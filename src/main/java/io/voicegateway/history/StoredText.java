package io.voicegateway.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fits a text from the network into its history column. A value longer than the column (a 600-character Call-ID,
 * a From of 2 kB) is kept as its first characters, {@code ~} and the first 16 hex digits of the SHA-256 of the
 * whole value, exactly {@code max} characters: the call still reaches the history (it used to be refused whole),
 * the stored value still starts like the real one for a search, and two long values that share their start stay
 * apart.
 */
final class StoredText {
  private static final int HASH_HEX = 16;

  private StoredText() {}

  /** {@code value} unchanged when it fits in {@code max} characters, else shortened as described above. */
  static String fit(String value, int max) {
    if (value == null || value.length() <= max) {
      return value;
    }
    return value.substring(0, max - HASH_HEX - 1) + "~" + sha256Hex(value).substring(0, HASH_HEX);
  }

  private static String sha256Hex(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks SHA-256", e);
    }
  }
}
