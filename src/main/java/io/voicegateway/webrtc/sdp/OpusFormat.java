package io.voicegateway.webrtc.sdp;

import java.util.Map;

/**
 * The browser's Opus payload type with the fmtp parameters it sent (RFC 7587 §6.1). They say what the browser
 * prefers to <em>receive</em>; an absent parameter has its RFC default (0, off).
 *
 * @param minptimeMs        the shortest packet the browser wants, 0 when unsaid
 * @param useInbandFec      the browser decodes Opus in-band FEC, so sending it is worth the bits
 * @param stereo            the browser would like stereo
 * @param maxAverageBitrate bits per second the browser wants at most, 0 when unsaid
 */
public record OpusFormat(int payloadType, int minptimeMs, boolean useInbandFec, boolean stereo,
    int maxAverageBitrate) {

  static OpusFormat of(int payloadType, Map<String, String> fmtp) {
    return new OpusFormat(payloadType, number(fmtp.get("minptime")), "1".equals(fmtp.get("useinbandfec")),
        "1".equals(fmtp.get("stereo")), number(fmtp.get("maxaveragebitrate")));
  }

  /** An unreadable value counts as unsaid: these are preferences, not grounds to refuse a call. */
  private static int number(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
