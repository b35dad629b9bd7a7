package io.voicegateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of Twilio-Media-Streams WebSocket legs (issue 12): connections opened and failed, media frames sent,
 * received and dropped (a consumer that reads too slowly), and the inbound latency from a caller packet's arrival
 * (the arrival track) to its WebSocket message.
 */
public final class StreamMeters {
  public static final String CONNECTED = "vg_media_stream_connected";
  public static final String FAILED = "vg_media_stream_failed";
  public static final String FRAMES_SENT = "vg_media_stream_frames_sent";
  public static final String FRAMES_RECEIVED = "vg_media_stream_frames_received";
  public static final String FRAMES_DROPPED = "vg_media_stream_frames_dropped";
  public static final String LATENCY = "vg_media_stream_latency_ms";
  public static final String CLEANING_UNAVAILABLE = "vg_media_stream_cleaning_unavailable";

  private final Counter connected;
  private final Counter failed;
  private final Counter sent;
  private final Counter received;
  private final Counter dropped;
  private final DistributionSummary latency;
  private final Counter cleaningUnavailable;

  public StreamMeters(MeterRegistry registry) {
    connected = Counter.builder(CONNECTED).description("WebSockets to stream consumers opened (reconnections too)")
        .register(registry);
    failed = Counter.builder(FAILED).description("Stream connections that failed or were lost")
        .register(registry);
    sent = Counter.builder(FRAMES_SENT).description("20 ms media frames sent to stream consumers")
        .register(registry);
    received = Counter.builder(FRAMES_RECEIVED).description("media messages received from stream consumers")
        .register(registry);
    dropped = Counter.builder(FRAMES_DROPPED)
        .description("media frames dropped because a consumer read too slowly (oldest first)").register(registry);
    latency = DistributionSummary.builder(LATENCY)
        .description("caller packet arrival to WebSocket write of inbound media messages").baseUnit("ms")
        .serviceLevelObjectives(1, 2, 5, 10, 20, 40, 80, 160).register(registry);
    cleaningUnavailable = Counter.builder(CLEANING_UNAVAILABLE)
        .description("streams configured with noise suppression or normalize that went on uncleaned because the"
            + " audio-processing library could not be loaded").register(registry);
  }

  public void connected() {
    connected.increment();
  }

  public void failed() {
    failed.increment();
  }

  public void framesSent(long frames) {
    sent.increment(frames);
  }

  public void framesReceived(long frames) {
    received.increment(frames);
  }

  public void framesDropped(long frames) {
    dropped.increment(frames);
  }

  public void inboundLatency(double ms) {
    latency.record(ms);
  }

  public void cleaningUnavailable() {
    cleaningUnavailable.increment();
  }
}
