package io.voicegateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.metrics.GatewayMetrics;
import java.util.concurrent.CompletableFuture;

/**
 * What a gateway runs on that needs no configuration: the metrics registry, Vert.x with its Micrometer metrics
 * (and their JVM meters), the bus codecs. {@link Main} builds it on a thread of its own while it reads the
 * configuration: the two were most of the start-up's serial path before anything could deploy (issue 13; on a cold
 * JVM ~0.35 s and ~0.2 s of one core, mostly class loading, which the two cores do side by side).
 *
 * @param startedMs when the build began (wall clock), for the start-up line
 * @param builtMs when it was done
 */
record GatewayRuntime(Vertx vertx, PrometheusMeterRegistry prometheus, GatewayMetrics metrics, long startedMs,
    long builtMs) {
  static {
    // Netty's adaptive allocator declares JFR events; the first buffer it allocates (the warm-up's datagram, on an
    // event loop) then loads and parses the JDK's whole JFR metadata: seconds of a busy cold start, for events
    // nobody records. -Dio.netty.jfr.enabled=true brings them back. Before any Netty class is initialised.
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
  }

  /** Builds it on this thread. */
  static GatewayRuntime build() {
    long start = System.currentTimeMillis();
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
        // Native epoll is opt-in (-Dvg.native_transport=true) until the audio ITs pass on it: see performance.md.
        // No Vert.x datagram metrics: every RTP/RTCP socket got its own metrics object with a copy of the names
        // (~2.9 KB a socket, 11.5 KB a bridged call) and a record() per datagram; vg_media_* count RTP instead.
        .with(new VertxOptions().setPreferNativeTransport(NativeTransport.requested()).setMetricsOptions(
            new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
                .addDisabledMetricsCategory(MetricsDomain.DATAGRAM_SOCKET)))
        .withMetrics(new MicrometerMetricsFactory(prometheus))
        .build();
    GatewayMetrics metrics = new GatewayMetrics(prometheus);
    BusCodecs.registerAll(vertx);
    return new GatewayRuntime(vertx, prometheus, metrics, start, System.currentTimeMillis());
  }

  /** Starts building it on a thread of its own (a daemon: an invalid configuration still exits at once). */
  static CompletableFuture<GatewayRuntime> buildBeside() {
    CompletableFuture<GatewayRuntime> built = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        built.complete(build());
      } catch (Throwable e) { // handed to whoever waits for it (Main: exit 1, "start-up failed")
        built.completeExceptionally(e);
      }
    }, "vg-runtime");
    thread.setDaemon(true);
    thread.start();
    return built;
  }
}
