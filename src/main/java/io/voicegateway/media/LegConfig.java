package io.voicegateway.media;

import io.voicegateway.bus.LegDirection;
import io.voicegateway.bus.MediaCommands.LegStart;
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

  /** Checks a start command; throws IllegalArgumentException naming what is wrong. */
  public static LegConfig of(LegStart start) {
    CodecType codec = start.codec();
    if (codec == null) {
      throw new IllegalArgumentException("no codec");
    }
    LegDirection direction = start.direction() == null ? LegDirection.SENDRECV : start.direction();
    boolean receive = direction.receives();
    boolean send = direction.sends();
    int ptime = start.ptimeMs() <= 0 ? 20 : start.ptimeMs();
    return new LegConfig(codec, start.payloadType(), start.dtmfPayloadType(), ptime, receive, send);
  }

  /** Neither way: the leg is on hold. */
  public boolean onHold() {
    return !receive && !send;
  }
}
