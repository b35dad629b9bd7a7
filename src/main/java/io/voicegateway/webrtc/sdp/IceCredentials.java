package io.voicegateway.webrtc.sdp;

import java.security.SecureRandom;

/**
 * An ICE username fragment and password (RFC 8839 §5.4): ufrag 4–256 and pwd 22–256 ice-chars (ALPHA, DIGIT, "+",
 * "/"). The password keys STUN MESSAGE-INTEGRITY, so ours come from a {@link SecureRandom}.
 */
public record IceCredentials(String ufrag, String pwd) {

  private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  /** 8 ice-chars are 48 random bits: plenty for a name; the 24-char pwd is 144 bits, above RFC 8839's 128. */
  static final int UFRAG_LENGTH = 8;
  static final int PWD_LENGTH = 24;

  public IceCredentials {
    check("ice-ufrag", ufrag, 4);
    check("ice-pwd", pwd, 22);
  }

  /** Fresh credentials for our side of a session (and again on an ICE restart). */
  public static IceCredentials random(SecureRandom random) {
    return new IceCredentials(randomChars(random, UFRAG_LENGTH), randomChars(random, PWD_LENGTH));
  }

  private static String randomChars(SecureRandom random, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length())));
    }
    return sb.toString();
  }

  private static void check(String name, String value, int min) {
    if (value == null || value.length() < min || value.length() > 256) {
      throw new IllegalArgumentException(name + " must be " + min + " to 256 characters"
          + (value == null ? "" : ", not " + value.length()));
    }
    for (int i = 0; i < value.length(); i++) {
      if (ICE_CHARS.indexOf(value.charAt(i)) < 0) {
        throw new IllegalArgumentException(name + " holds a character outside ALPHA / DIGIT / + / /: " + value);
      }
    }
  }

  /** Never prints the password: these end up in logs. */
  @Override
  public String toString() {
    return "IceCredentials[ufrag=" + ufrag + "]";
  }
}
