package io.voicegateway.sip.sdp;

import java.util.List;
import java.util.Map;

/**
 * One parsed m-line with its attributes, session-level defaults already applied.
 *
 * @param formats     the m-line's format list as written (payload type numbers for RTP)
 * @param host        the effective {@code c=} address (media level, else session level)
 * @param direction   the effective direction as the writer of the SDP sees it (sendrecv by default)
 * @param ptimeMs     the effective {@code a=ptime}, 0 when absent
 */
record SdpStream(
    String mediaType,
    int port,
    String protocol,
    List<String> formats,
    Map<Integer, Rtpmap> rtpmaps,
    Map<Integer, String> fmtps,
    String host,
    MediaDirection direction,
    int ptimeMs) {

  SdpStream {
    formats = List.copyOf(formats);
    rtpmaps = Map.copyOf(rtpmaps);
    fmtps = Map.copyOf(fmtps);
  }

  boolean isAudio() {
    return "audio".equalsIgnoreCase(mediaType);
  }

  /** A T.38 fax stream: {@code m=image <port> udptl t38} (or UDPTL over TCP/TLS, never accepted here). */
  boolean isT38() {
    return "image".equalsIgnoreCase(mediaType) && formats.stream().anyMatch("t38"::equalsIgnoreCase);
  }

  boolean isRtpAvp() {
    return "RTP/AVP".equalsIgnoreCase(protocol);
  }

  /** True for {@code c=IN IP4 0.0.0.0} (or the IPv6 "::"), the RFC 2543 way to put a call on hold. */
  boolean holdAddress() {
    return "0.0.0.0".equals(host) || "::".equals(host);
  }

  /** The RTP payload types (0-127) of the format list; anything else in it is skipped. */
  List<Integer> payloadTypes() {
    return formats.stream().filter(f -> !f.isEmpty() && f.length() <= 3 && f.chars().allMatch(Character::isDigit))
        .map(Integer::parseInt).filter(pt -> pt <= 127).toList();
  }

  /** This stream as a declined answer m-line: same media, port 0, same formats (RFC 3264 §6). */
  String declinedMLine() {
    return "m=" + mediaType + " 0 " + protocol + " " + String.join(" ", formats);
  }
}
