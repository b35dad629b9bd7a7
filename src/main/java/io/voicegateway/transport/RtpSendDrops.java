package io.voicegateway.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Datagrams a leg socket could not send (issue 13), by reason: {@code buffer_full} (the non-blocking send found the
 * socket's send buffer full and the packet was dropped, as a late packet is worth less than the next one) and
 * {@code error} (the kernel refused it, e.g. no route or an ICMP error surfacing on the socket). Counted, never
 * logged per packet: a dead peer or a full buffer repeats 50 times a second per leg. The two counters are made up
 * front, so counting is an add.
 */
public final class RtpSendDrops {
  public static final String DROPPED = "vg_media_rtp_send_dropped";

  private final Counter bufferFull;
  private final Counter error;

  public RtpSendDrops(MeterRegistry registry) {
    bufferFull = counter(registry, "buffer_full");
    error = counter(registry, "error");
  }

  /** Meters that go nowhere (the start-up warm-up, benchmarks, tests). */
  public static RtpSendDrops detached() {
    return new RtpSendDrops(new SimpleMeterRegistry());
  }

  private static Counter counter(MeterRegistry registry, String reason) {
    return Counter.builder(DROPPED).tag("reason", reason)
        .description("RTP/RTCP datagrams not sent: socket send buffer full, or refused by the kernel")
        .register(registry);
  }

  void bufferFull() {
    bufferFull.increment();
  }

  void error() {
    error.increment();
  }

  public double bufferFullCount() {
    return bufferFull.count();
  }

  public double errorCount() {
    return error.count();
  }
}
