package io.voicegateway.stream;

/** What streams count (vg_media_stream_*); the composition root plugs in the gateway's meters. */
public interface StreamMetrics {
  /** A WebSocket to a consumer opened (a reconnection counts again). */
  void connected();

  /** A connection attempt failed or an open connection was lost. */
  void failed();

  void framesSent(long frames);

  void framesReceived(long frames);

  void framesDropped(long frames);

  /** From the frame's capture in the mixer to its WebSocket message being written, in ms. */
  void inboundLatency(double ms);

  /**
   * A stream configured with noise suppression or normalisation goes on uncleaned: the audio-processing library
   * could not be loaded on this machine.
   */
  default void cleaningUnavailable() {}

  StreamMetrics NONE = new StreamMetrics() {
    @Override
    public void connected() {}

    @Override
    public void failed() {}

    @Override
    public void framesSent(long frames) {}

    @Override
    public void framesReceived(long frames) {}

    @Override
    public void framesDropped(long frames) {}

    @Override
    public void inboundLatency(double ms) {}
  };
}
