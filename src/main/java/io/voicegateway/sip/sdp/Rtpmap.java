package io.voicegateway.sip.sdp;

import java.util.Optional;

/** One {@code a=rtpmap:<pt> <name>/<clock>[/<channels>]} line. */
record Rtpmap(int payloadType, String encodingName, int clockRate, int channels) {

  /** Parses the attribute value ({@code 111 opus/48000/2}); empty when it does not follow the grammar. */
  static Optional<Rtpmap> parse(String value) {
    String[] ptAndRest = value.trim().split("\\s+", 2);
    if (ptAndRest.length != 2) {
      return Optional.empty();
    }
    String[] parts = ptAndRest[1].trim().split("/");
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
      return Optional.empty();
    }
    try {
      int channels = parts.length == 3 ? Integer.parseInt(parts[2].trim()) : 1;
      return Optional.of(new Rtpmap(Integer.parseInt(ptAndRest[0]), parts[0], Integer.parseInt(parts[1].trim()),
          channels));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  boolean isTelephoneEvent() {
    return "telephone-event".equalsIgnoreCase(encodingName);
  }
}
