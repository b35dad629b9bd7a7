package io.voicegateway.transport;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.Mixer;

/**
 * Drives one mixer partition. Deploy on the dedicated worker pool {@code media}, one instance per core.
 * Its timer only calls {@link Mixer#tick}: the mixer itself keeps time from the engine's monotonic clock ({@code System.nanoTime()}),
 * so a 10 ms timer bounds lateness to half a frame without ever drifting.
 */
public final class MixerVerticle extends VerticleBase {
  static final long TIMER_MS = 10;

  private final MediaEngine engine;
  private final int partition;
  private Mixer mixer;
  private long timer;

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
    timer = vertx.setPeriodic(TIMER_MS, id -> mixer.tick(engine.nanoTime()));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    engine.stopServing(partition);
    return Future.succeededFuture();
  }

  public Mixer mixer() {
    return mixer;
  }
}
