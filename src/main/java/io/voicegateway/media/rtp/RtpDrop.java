package io.voicegateway.media.rtp;

/**
 * Why a datagram on a leg's RTP or RTCP port was dropped. The names are the {@code reason} label of
 * {@code vg_media_rtp_dropped}; none of these ever moves where the leg sends its media.
 */
public enum RtpDrop {
  /** Not RTP version 2 at all, too short, or a malformed header (random bytes end here). */
  NOT_RTP("not_rtp"),
  /** Well-formed RTP of a payload type the call did not negotiate. */
  PAYLOAD_TYPE("payload_type"),
  /** Valid RTP from a source other than the latched one, which is still sending. */
  FOREIGN_SOURCE("foreign_source"),
  /** Valid RTP from a source still on probation (fewer than the learning count of packets in a row). */
  LEARNING("learning"),
  /** An RTCP datagram that does not parse as RTCP. */
  RTCP_INVALID("rtcp_invalid"),
  /** RTCP from a host other than the latched RTP source's. */
  RTCP_FOREIGN("rtcp_foreign");

  private final String label;

  RtpDrop(String label) {
    this.label = label;
  }

  /** The metric label. */
  public String label() {
    return label;
  }
}
