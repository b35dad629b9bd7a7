package io.voicegateway.webrtc.srtp;

/**
 * The two SRTP protection profiles a browser offers over DTLS-SRTP (RFC 5764 §4.1.2, RFC 7714 §14.2), with the
 * master key/salt lengths the DTLS exporter must produce for them.
 */
public enum SrtpProfile {
  /** RFC 3711: AES-128 in counter mode, HMAC-SHA1 tag cut to 80 bits on both SRTP and SRTCP. */
  AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14, 10),
  /** RFC 7714: AES-128-GCM, 16-byte tag, 96-bit salt. */
  AEAD_AES_128_GCM(0x0007, 16, 12, 16);

  private final int dtlsId;
  private final int keyLength;
  private final int saltLength;
  private final int tagLength;

  SrtpProfile(int dtlsId, int keyLength, int saltLength, int tagLength) {
    this.dtlsId = dtlsId;
    this.keyLength = keyLength;
    this.saltLength = saltLength;
    this.tagLength = tagLength;
  }

  /** The SRTPProtectionProfile value of the DTLS use_srtp extension. */
  public int dtlsId() {
    return dtlsId;
  }

  public int keyLength() {
    return keyLength;
  }

  public int saltLength() {
    return saltLength;
  }

  /** Authentication tag bytes added to every packet (RTP and RTCP alike). */
  public int tagLength() {
    return tagLength;
  }

  /** Bytes {@code protectRtcp} adds: the tag and the 4-byte E-bit/SRTCP-index word. */
  public int rtcpOverhead() {
    return tagLength + 4;
  }

  /** The profile for a use_srtp value, or null when we do not support it. */
  public static SrtpProfile ofDtlsId(int id) {
    for (SrtpProfile p : values()) {
      if (p.dtlsId == id) {
        return p;
      }
    }
    return null;
  }
}
