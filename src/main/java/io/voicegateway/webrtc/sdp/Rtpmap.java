package io.voicegateway.webrtc.sdp;

import java.util.Locale;
import java.util.Optional;

/** One {@code a=rtpmap:<pt> <encoding>/<clock>[/<channels>]}; the encoding name lower-cased for comparison. */
record Rtpmap(int payloadType, String encoding, int clockRate, int channels) {

  static Optional<Rtpmap> parse(String value) {
    String[] ptAndRest = value.trim().split("\\s+", 2);
    if (ptAndRest.length != 2) {
      return Optional.empty();
    }
    String[] parts = ptAndRest[1].trim().split("/");
    try {
      int pt = Integer.parseInt(ptAndRest[0]);
      if (pt < 0 || pt > 127 || parts.length < 2) {
        return Optional.empty();
      }
      int channels = parts.length > 2 ? Integer.parseInt(parts[2]) : 1;
      return Optional.of(new Rtpmap(pt, parts[0].toLowerCase(Locale.ROOT), Integer.parseInt(parts[1]), channels));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** RFC 7587 §7: Opus is always written opus/48000/2, whatever the stream actually carries. */
  boolean isOpus() {
    return "opus".equals(encoding) && clockRate == 48000 && channels == 2;
  }

  boolean isTelephoneEvent() {
    return "telephone-event".equals(encoding);
  }
}
