package io.voicegateway;

import io.voicegateway.metrics.StreamMeters;
import io.voicegateway.stream.StreamMetrics;

/** The gateway's vg_media_stream_* meters as the stream legs count into them. */
public final class StreamCallMetrics implements StreamMetrics {
  private final StreamMeters meters;

  public StreamCallMetrics(StreamMeters meters) {
    this.meters = meters;
  }

  @Override
  public void connected() {
    meters.connected();
  }

  @Override
  public void failed() {
    meters.failed();
  }

  @Override
  public void framesSent(long frames) {
    meters.framesSent(frames);
  }

  @Override
  public void framesReceived(long frames) {
    meters.framesReceived(frames);
  }

  @Override
  public void framesDropped(long frames) {
    meters.framesDropped(frames);
  }

  @Override
  public void inboundLatency(double ms) {
    meters.inboundLatency(ms);
  }

  @Override
  public void cleaningUnavailable() {
    meters.cleaningUnavailable();
  }
}
