package io.voicegateway.sip;

import io.vertx.core.Vertx;
import io.voicegateway.control.Scheduler;
import java.time.Duration;

/** Call control's timers as Vert.x timers: set from the SIP verticle's context, they fire on it. */
final class VertxScheduler implements Scheduler {
  private final Vertx vertx;

  VertxScheduler(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    long id = vertx.setTimer(Math.max(1, delay.toMillis()), ignored -> task.run());
    return () -> vertx.cancelTimer(id);
  }
}
