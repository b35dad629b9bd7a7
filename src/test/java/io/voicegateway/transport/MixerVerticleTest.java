package io.voicegateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.MixerLeg;
import io.voicegateway.media.TestMediaConfig;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MixerVerticleTest {

  /** Sends a constant level; after five frames completes with the thread that mixed and what it heard. */
  private static final class ConstantLeg implements MixerLeg {
    private final float[] frame = new float[FRAME];
    private final CompletableFuture<String[]> fiveFrames = new CompletableFuture<>();
    private int pushes;

    ConstantLeg(float level) {
      Arrays.fill(frame, level);
    }

    @Override
    public float[] pull() {
      return frame;
    }

    @Override
    public void push(float[] mix) {
      if (++pushes == 5) {
        fiveFrames.complete(new String[] {Thread.currentThread().getName(), Float.toString(mix[0])});
      }
    }

    @Override
    public boolean listening() {
      return true;
    }
  }

  @Test
  void ticksItsPartitionOnTheMediaWorkerPool() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      MediaEngine engine = TestMediaConfig.engine(41000, 41010);
      MixerVerticle verticle = new MixerVerticle(engine, 0, 1);
      vertx.deployVerticle(verticle, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
          .setWorkerPoolName("media").setWorkerPoolSize(1)).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      ConstantLeg a = new ConstantLeg(0.1f);
      engine.attach("c", a);
      engine.attach("c", new ConstantLeg(0.2f));
      String[] heard = a.fiveFrames.get(30, TimeUnit.SECONDS);
      assertTrue(heard[0].startsWith("media"), heard[0]);
      assertEquals(0.2f, Float.parseFloat(heard[1]), 1e-6f);
      assertEquals(verticle.mixer(), engine.mixers().get(0));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
