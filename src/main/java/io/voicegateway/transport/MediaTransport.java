package io.voicegateway.transport;

import io.voicegateway.config.DtmfMethod;
import io.voicegateway.config.MediaConfig;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.PipelineSettings;
import io.voicegateway.media.codec.OpusSettings;
import io.voicegateway.media.jitter.JitterSettings;
import io.voicegateway.media.rtp.PortPool;
import io.voicegateway.metrics.GatewayMetrics;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * What the verticles that drive media share: the engine, the {@code media:} configuration they bind and time
 * out by, the process meters, and the wall clock that stamps RTCP reports, call events and feed frames. The
 * one place the configuration's records become the media library's own settings.
 */
public final class MediaTransport {
  private final MediaEngine engine;
  private final MediaConfig config;
  private final GatewayMetrics metrics;
  private final Clock wallClock;
  private final WebRtcLegs webRtcLegs = WebRtcLegs.defaults();
  private final RtpGuardMeters rtpGuard;
  private final RtpSendDrops sendDrops;

  public MediaTransport(MediaEngine engine, MediaConfig config, GatewayMetrics metrics, Clock wallClock) {
    this.engine = engine;
    this.config = config;
    this.metrics = metrics;
    this.wallClock = wallClock;
    this.rtpGuard = new RtpGuardMeters(metrics.registry());
    this.sendDrops = new RtpSendDrops(metrics.registry());
  }

  /** The production wiring: a fresh engine on the configured port range, the system clocks. */
  public static MediaTransport create(MediaConfig config, GatewayMetrics metrics) {
    return create(config, metrics, System::nanoTime, Clock.systemUTC());
  }

  /** @param monotonic nanoseconds for packet arrivals and timeouts; {@code wallClock} for timestamps */
  public static MediaTransport create(MediaConfig config, GatewayMetrics metrics, LongSupplier monotonic,
      Clock wallClock) {
    MediaEngine engine = new MediaEngine(new PortPool(config.rtpPortMin(), config.rtpPortMax()),
        pipelineSettings(config), monotonic);
    return new MediaTransport(engine, config, metrics, wallClock);
  }

  /** The {@code opus}, {@code jitter_buffer_*}, {@code packet_loss_concealment} and {@code dtmf} keys. */
  public static PipelineSettings pipelineSettings(MediaConfig config) {
    MediaConfig.OpusConfig opus = config.opus();
    MediaConfig.DtmfConfig dtmf = config.dtmf();
    DtmfMethod method = dtmf == null ? DtmfMethod.RFC4733 : dtmf.method();
    return new PipelineSettings(
        opus == null ? OpusSettings.DEFAULT : new OpusSettings(opus.bitrate(), opus.complexity()),
        new JitterSettings(config.jitterBufferMs(), config.jitterBufferMaxMs(), config.jitterBufferAdaptive(),
            config.packetLossConcealment()),
        method != DtmfMethod.INBAND, method != DtmfMethod.RFC4733,
        dtmf == null ? 0.5 : dtmf.inbandSensitivity());
  }

  public MediaEngine engine() {
    return engine;
  }

  public MediaConfig config() {
    return config;
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  public Clock wallClock() {
    return wallClock;
  }

  /** Strict RTP learning's meters: drops by reason, source changes. */
  RtpGuardMeters rtpGuard() {
    return rtpGuard;
  }

  /** Datagrams the legs' sockets could not send (send buffer full, refused by the kernel). */
  RtpSendDrops sendDrops() {
    return sendDrops;
  }

  /** The browser legs every RTP verticle instance shares (re-offers may reach another instance). */
  WebRtcLegs webRtcLegs() {
    return webRtcLegs;
  }
}
