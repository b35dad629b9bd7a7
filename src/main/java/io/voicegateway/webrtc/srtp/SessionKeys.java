package io.voicegateway.webrtc.srtp;

import java.util.Arrays;

/**
 * The six session keys of one direction, derived once from that direction's master key and salt (RFC 3711 §4.3,
 * labels 0–5, key derivation rate 0 so they never change). Auth keys are empty for GCM, whose tag is part of
 * the cipher.
 */
record SessionKeys(byte[] rtpKey, byte[] rtpAuthKey, byte[] rtpSalt,
                   byte[] rtcpKey, byte[] rtcpAuthKey, byte[] rtcpSalt) {

  static final int HMAC_SHA1_KEY_LENGTH = 20;

  static SessionKeys derive(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
    if (masterKey.length != profile.keyLength()) {
      throw new IllegalArgumentException(profile + " needs a " + profile.keyLength() + "-byte master key, got "
          + masterKey.length);
    }
    if (masterSalt.length != profile.saltLength()) {
      throw new IllegalArgumentException(profile + " needs a " + profile.saltLength() + "-byte master salt, got "
          + masterSalt.length);
    }
    int authLength = profile == SrtpProfile.AEAD_AES_128_GCM ? 0 : HMAC_SHA1_KEY_LENGTH;
    int k = profile.keyLength();
    int s = profile.saltLength();
    return new SessionKeys(
        SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.RTP_ENCRYPTION, k),
        SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.RTP_AUTH, authLength),
        SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.RTP_SALT, s),
        SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.RTCP_ENCRYPTION, k),
        SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.RTCP_AUTH, authLength),
        SrtpKeyDerivation.derive(masterKey, masterSalt, SrtpKeyDerivation.RTCP_SALT, s));
  }

  @Override
  public String toString() {
    return "SessionKeys[redacted]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionKeys other && Arrays.equals(rtpKey, other.rtpKey)
        && Arrays.equals(rtpAuthKey, other.rtpAuthKey) && Arrays.equals(rtpSalt, other.rtpSalt)
        && Arrays.equals(rtcpKey, other.rtcpKey) && Arrays.equals(rtcpAuthKey, other.rtcpAuthKey)
        && Arrays.equals(rtcpSalt, other.rtcpSalt);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(rtpKey);
  }
}
