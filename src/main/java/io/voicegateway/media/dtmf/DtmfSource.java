package io.voicegateway.media.dtmf;

/** Where a detected digit came from. */
public enum DtmfSource {
  /** A telephone-event RTP payload (RFC 4733). */
  RFC4733,
  /** Dual tones found in the decoded audio by {@link GoertzelDetector}. */
  INBAND
}
