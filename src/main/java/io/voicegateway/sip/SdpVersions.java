package io.voicegateway.sip;

/**
 * Reads the session version of an SDP's {@code o=} line. A re-INVITE whose SDP keeps the version we saw
 * last is a session refresh and changes nothing (RFC 3264 §8). Hand-written: one field of one line,
 * where a full parse would cost more than it tells.
 */
final class SdpVersions {
  private SdpVersions() {}

  /** The o= version, or -1 when there is no well-formed o= line. */
  static long version(String sdp) {
    for (String line : sdp.split("\r?\n")) {
      if (line.startsWith("o=")) {
        String[] fields = line.substring(2).trim().split("\\s+");
        if (fields.length >= 3) {
          try {
            return Long.parseLong(fields[2]);
          } catch (NumberFormatException e) {
            return -1;
          }
        }
      }
    }
    return -1;
  }
}
