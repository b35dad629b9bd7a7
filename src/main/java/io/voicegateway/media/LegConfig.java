package io.voicegateway.media;

import io.voicegateway.media.codec.CodecType;

/**
 * A leg's negotiated media, checked: what a {@link LegPipeline} is built from.
 *
 * @param dtmfPayloadType -1 when telephone-event was not negotiated
 * @param receive         audio from the leg is mixed (sendrecv, recvonly from our side)
 * @param send            the leg hears the mix (sendrecv, sendonly from our side)
 */
public record LegConfig(CodecType codec, int payloadType, int dtmfPayloadType, int ptimeMs, boolean receive,
    boolean send) {

  public LegConfig {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type out of range: " + payloadType);
    }
    if (ptimeMs < 10 || ptimeMs > 120 || ptimeMs % 10 != 0) {
      throw new IllegalArgumentException("ptime must be 10..120 ms in steps of 10: " + ptimeMs);
    }
  }

  /**
   * Checks a negotiation as the signalling side states it (codec by configuration name, SDP direction from
   * our side, ptime 0 for the default 20 ms); throws IllegalArgumentException naming what is wrong.
   */
  public static LegConfig of(String codecName, int payloadType, int dtmfPayloadType, int ptimeMs, String direction) {
    CodecType codec = CodecType.byConfigName(codecName)
        .orElseThrow(() -> new IllegalArgumentException("unknown codec " + codecName));
    String dir = direction == null ? "sendrecv" : direction;
    boolean receive = dir.equals("sendrecv") || dir.equals("recvonly");
    boolean send = dir.equals("sendrecv") || dir.equals("sendonly");
    if (!receive && !send && !dir.equals("inactive")) {
      throw new IllegalArgumentException("unknown direction " + dir);
    }
    return new LegConfig(codec, payloadType, dtmfPayloadType, ptimeMs <= 0 ? 20 : ptimeMs, receive, send);
  }

  /** Neither way: the leg is on hold. */
  public boolean onHold() {
    return !receive && !send;
  }
}
