package io.voicegateway.transport;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.Mixer;

/**
 * Drives one mixer partition. Deploy on the dedicated worker pool {@code media}, one instance per core.
 * Its clock ({@link MixerClock}, a thread of its own, not a Vert.x timer: those fire on the event loops that read the RTP
 * sockets) only hands {@link Mixer#tick} to this verticle's worker context every 10 ms: the mixer itself keeps time
 * from the engine's monotonic clock ({@code System.nanoTime()}), so that bounds lateness to half a frame without ever
 * drifting.
 */
public final class MixerVerticle extends VerticleBase {
  static final long TIMER_MS = 10;

  private final MediaEngine engine;
  private final int partition;
  private Mixer mixer;
  private MixerClock clock;

  public MixerVerticle(MediaEngine engine, int partition, int partitions) {
    if (partition < 0 || partition >= partitions) {
      throw new IllegalArgumentException("partition " + partition + " of " + partitions);
    }
    this.engine = engine;
    this.partition = partition;
  }

  @Override
  public Future<?> start() {
    mixer = engine.mixer(partition);
    clock = MixerClock.start("mixer-clock-" + partition, TIMER_MS, tick -> context.runOnContext(v -> tick.run()),
        () -> mixer.tick(engine.nanoTime()));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    clock.stop();
    engine.stopServing(partition);
    return Future.succeededFuture();
  }

  public Mixer mixer() {
    return mixer;
  }
}
