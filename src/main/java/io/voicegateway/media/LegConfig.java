package io.voicegateway.media;

import io.voicegateway.codec.CodecType;

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
   * Checks a negotiation as the signalling side states it (ptime 0 for the default 20 ms; which ways the audio
   * flows, from our side); throws IllegalArgumentException naming what is wrong.
   */
  public static LegConfig of(CodecType codec, int payloadType, int dtmfPayloadType, int ptimeMs, boolean receive,
      boolean send) {
    if (codec == null) {
      throw new IllegalArgumentException("no codec");
    }
    return new LegConfig(codec, payloadType, dtmfPayloadType, ptimeMs <= 0 ? 20 : ptimeMs, receive, send);
  }

  /** Neither way: the leg is on hold. */
  public boolean onHold() {
    return !receive && !send;
  }
}
