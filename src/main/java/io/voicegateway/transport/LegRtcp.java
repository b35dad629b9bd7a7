package io.voicegateway.transport;

import io.voicegateway.media.LegMedia;
import io.voicegateway.media.rtp.ReceiveStats;
import io.voicegateway.media.rtp.RtcpReports;
import io.voicegateway.media.rtp.RtpPacketizer;
import io.voicegateway.metrics.GatewayMetrics;
import java.time.Clock;

/**
 * One leg's RTCP bookkeeping, whatever carries it (a plain RTCP port, or SRTCP muxed on a browser leg's one port):
 * remembers the remote's last sender report for our DLSR, writes our SR every {@link #INTERVAL_NANOS}, and adds
 * the leg's new losses and jitter to the process meters. Runs on the leg socket's event loop.
 */
final class LegRtcp {
  static final long INTERVAL_NANOS = 5_000_000_000L;

  private final LegMedia leg;
  private final GatewayMetrics metrics;
  private final Clock wallClock;
  private final RtcpReports.Report lastReport = new RtcpReports.Report();
  private long lastSrNtpMiddle;
  private long lastSrArrivalNanos;
  private long nextReportNanos;
  private long reportedLost;
  private int reportedRestarts;

  LegRtcp(MediaTransport media, LegMedia leg, long now) {
    this.leg = leg;
    this.metrics = media.metrics();
    this.wallClock = media.wallClock();
    this.nextReportNanos = now + INTERVAL_NANOS;
  }

  /**
   * A (decrypted) RTCP compound packet from the remote: its sender report, if any, dates our next DLSR. Returns
   * false when it does not parse as RTCP.
   */
  boolean onPacket(byte[] buf, int off, int len, long now) {
    if (!RtcpReports.parse(buf, off, len, leg.packetizer().ssrc(), lastReport)) {
      return false;
    }
    if (lastReport.fromSender) {
      lastSrNtpMiddle = lastReport.ntpMiddle;
      lastSrArrivalNanos = now;
    }
    return true;
  }

  /** True once per interval: time to {@link #recordMetrics} and send a report. */
  boolean due(long now) {
    if (now - nextReportNanos < 0) {
      return false;
    }
    nextReportNanos = now + INTERVAL_NANOS;
    return true;
  }

  /** Writes our SR (with a reception block once the remote sent) at {@code out[off]}; returns its length. */
  int write(byte[] out, int off, long now) {
    RtpPacketizer ours = leg.packetizer();
    long dlsr = lastSrArrivalNanos == 0 ? 0 : (now - lastSrArrivalNanos) * 65536 / 1_000_000_000L;
    return RtcpReports.write(out, off, ours.ssrc(), wallClock.millis(),
        new RtcpReports.SenderInfo(ours.timestamp(), ours.packets(), ours.octets()), leg.receiveStats(),
        lastSrNtpMiddle, dlsr, leg.legId() + "@voicegateway");
  }

  /** Adds this leg's new losses and its current jitter to the process totals. */
  void recordMetrics() {
    ReceiveStats stats = leg.receiveStats();
    if (!stats.started()) {
      return;
    }
    if (stats.restarts() != reportedRestarts) {
      reportedRestarts = stats.restarts(); // a new source counts its losses from zero
      reportedLost = 0;
    }
    long lost = Math.max(0, stats.cumulativeLost());
    if (lost > reportedLost) {
      metrics.rtpLost(lost - reportedLost);
      reportedLost = lost;
    }
    metrics.rtpJitter(stats.jitterMs());
  }
}
