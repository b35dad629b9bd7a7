package io.voicegateway.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.voicegateway.media.rtp.RtpDrop;
import io.voicegateway.media.rtp.RtpDropCounter;

/**
 * The meters of strict RTP learning (issue 14): datagrams dropped on the legs' RTP/RTCP ports by reason, and
 * how often a leg's learnt source was replaced. One counter per reason is made up front, so counting a drop
 * on the receive path is an array read and an add: nothing is allocated per packet.
 */
public final class RtpGuardMeters implements RtpDropCounter {
  public static final String DROPPED = "vg_media_rtp_dropped";
  public static final String SOURCE_CHANGES = "vg_media_rtp_source_changes";

  private final Counter[] dropped = new Counter[RtpDrop.values().length];
  private final Counter sourceChanges;

  public RtpGuardMeters(MeterRegistry registry) {
    for (RtpDrop reason : RtpDrop.values()) {
      dropped[reason.ordinal()] = Counter.builder(DROPPED).tag("reason", reason.label())
          .description("Datagrams dropped on RTP/RTCP ports (junk, foreign sources, sources on probation)")
          .register(registry);
    }
    sourceChanges = Counter.builder(SOURCE_CHANGES)
        .description("Learnt RTP sources replaced by another after going silent").register(registry);
  }

  @Override
  public void dropped(RtpDrop reason) {
    dropped[reason.ordinal()].increment();
  }

  public double droppedCount(RtpDrop reason) {
    return dropped[reason.ordinal()].count();
  }

  @Override
  public void sourceChanged() {
    sourceChanges.increment();
  }
}
