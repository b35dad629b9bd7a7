package io.voicegateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The eight {@code vg_media_*} meters of the architecture contract, made once and shared. Per-leg
 * figures live on the legs; these are the process totals that Prometheus scrapes.
 */
public final class GatewayMetrics {
  public static final String ACTIVE_CALLS = "vg_media_active_calls";
  public static final String TOTAL_CALLS = "vg_media_total_calls";
  public static final String CALL_DURATION = "vg_media_call_duration_seconds";
  public static final String RTP_RECEIVED = "vg_media_rtp_packets_received";
  public static final String RTP_LOST = "vg_media_rtp_packets_lost";
  public static final String RTP_JITTER = "vg_media_rtp_jitter_ms";
  public static final String CODEC_NEGOTIATION_ERRORS = "vg_media_codec_negotiation_errors";
  public static final String DTMF_EVENTS = "vg_media_dtmf_events";

  private final MeterRegistry registry;
  private final AtomicInteger activeCalls = new AtomicInteger();
  private final Counter totalCalls;
  private final Timer callDuration;
  private final Counter rtpReceived;
  private final Counter rtpLost;
  private final DistributionSummary rtpJitter;
  private final Counter codecNegotiationErrors;
  private final Counter dtmfEvents;

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
    // Prometheus appends _total to counters and _seconds to timers; names are given without them.
    registry.gauge(ACTIVE_CALLS, activeCalls);
    totalCalls = Counter.builder("vg_media_total_calls").description("Calls started").register(registry);
    callDuration = Timer.builder("vg_media_call_duration")
        .description("Duration of finished calls")
        .serviceLevelObjectives(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1))
        .register(registry);
    rtpReceived = Counter.builder("vg_media_rtp_packets_received").description("Valid RTP packets received")
        .register(registry);
    rtpLost = Counter.builder("vg_media_rtp_packets_lost").description("RTP packets lost (sequence gaps)")
        .register(registry);
    rtpJitter = DistributionSummary.builder(RTP_JITTER).description("Interarrival jitter per leg (RFC 3550)")
        .baseUnit("ms").serviceLevelObjectives(1, 5, 10, 20, 40, 80, 160).register(registry);
    codecNegotiationErrors = Counter.builder("vg_media_codec_negotiation_errors")
        .description("Offers with no codec in common (488)").register(registry);
    dtmfEvents = Counter.builder("vg_media_dtmf_events").description("DTMF digits received")
        .register(registry);
  }

  /** Metrics that go nowhere, for unit tests. */
  public static GatewayMetrics detached() {
    return new GatewayMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void callStarted() {
    activeCalls.incrementAndGet();
    totalCalls.increment();
  }

  public void callEnded(Duration duration) {
    activeCalls.decrementAndGet();
    callDuration.record(duration);
  }

  public int activeCalls() {
    return activeCalls.get();
  }

  public void rtpReceived(long packets) {
    rtpReceived.increment(packets);
  }

  public void rtpLost(long packets) {
    rtpLost.increment(packets);
  }

  public void rtpJitter(double ms) {
    rtpJitter.record(ms);
  }

  /** A fax tone was heard in a call; {@code mode} is {@code passthrough} or {@code transcoding}. */
  public void faxDetected(String mode) {
    Counter.builder("vg_media_fax_detected").description("Calls that heard a fax tone, by how the fax went on")
        .tag("mode", mode).register(registry).increment();
  }

  public void codecNegotiationError() {
    codecNegotiationErrors.increment();
  }

  public void dtmfEvent() {
    dtmfEvents.increment();
  }
}
