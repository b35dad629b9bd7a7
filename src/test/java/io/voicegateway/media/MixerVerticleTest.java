package io.voicegateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.voicegateway.metrics.GatewayMetrics;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MixerVerticleTest {

  @Test
  void ticksItsPartitionOnTheMediaWorkerPool() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      MediaEngine engine = new MediaEngine(TestMediaConfig.gateway(41000, 41010), GatewayMetrics.detached());
      MixerVerticle verticle = new MixerVerticle(engine, 0, 1);
      vertx.deployVerticle(verticle, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
          .setWorkerPoolName("media").setWorkerPoolSize(1)).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      String[] thread = new String[1];
      MixerTest.ConstantLeg a = new MixerTest.ConstantLeg(0.1f) {
        @Override
        public float[] pull() {
          thread[0] = Thread.currentThread().getName();
          return super.pull();
        }
      };
      MixerTest.ConstantLeg b = new MixerTest.ConstantLeg(0.2f);
      engine.attach("c", a);
      engine.attach("c", b);
      for (int i = 0; i < 2000 && verticle.mixer().framesMixed() < 5; i++) {
        Thread.sleep(5);
      }
      assertTrue(verticle.mixer().framesMixed() >= 5);
      assertTrue(thread[0].startsWith("media"), thread[0]);
      assertEquals(0.2f, a.heard.get(0), 1e-6f);
      assertEquals(verticle.mixer(), engine.mixers().get(0));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
