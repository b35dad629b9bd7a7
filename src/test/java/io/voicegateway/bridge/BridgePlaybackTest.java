package io.voicegateway.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.config.BridgeConfig;
import io.voicegateway.it.support.TcpBridgeClient;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.MixerLeg;
import io.voicegateway.media.TestMediaConfig;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.transport.MixerVerticle;
import io.voicegateway.transport.PlaybackVerticle;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bridge client plays audio into a call over the real TCP bridge, in JSON frames as an outside program writes
 * them: the token is needed, the replies and the mark's event come back as JSON, and the other party hears it.
 */
@ExtendWith(VertxExtension.class)
class BridgePlaybackTest {
  private static final String CALL = "call-b";
  private static final String TOKEN = "s3cret";

  /** The other party: keeps the loudest sample it has heard. */
  private static final class Caller implements MixerLeg {
    volatile float loudest;

    @Override
    public float[] pull() {
      return null;
    }

    @Override
    public void push(float[] mix) {
      for (int i = 0; i < FRAME; i++) {
        loudest = Math.max(loudest, Math.abs(mix[i]));
      }
    }

    @Override
    public boolean listening() {
      return true;
    }
  }

  private final Caller caller = new Caller();
  private int port;
  private String mixer;

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    BusCodecs.registerAll(vertx);
    MediaEngine engine = TestMediaConfig.engine(42400, 42410);
    engine.attach(CALL, caller);
    port = FreePorts.udpAndTcp();
    mixer = await(vertx.deployVerticle(new MixerVerticle(engine, 0, 1), new DeploymentOptions()
        .setThreadingModel(ThreadingModel.WORKER).setWorkerPoolName("media").setWorkerPoolSize(1)));
    await(vertx.deployVerticle(new PlaybackVerticle(engine)));
    await(vertx.deployVerticle(new BridgeVerticle(new BridgeConfig(true, "127.0.0.1", port, true), TOKEN, false)));
  }

  @AfterEach
  void stopMixer(Vertx vertx) throws Exception {
    await(vertx.undeploy(mixer));
  }

  private static JsonObject next(TcpBridgeClient client, Predicate<JsonObject> wanted) throws Exception {
    for (JsonObject frame = client.next(30); frame != null; frame = client.next(30)) {
      if (wanted.test(frame)) {
        return frame;
      }
    }
    return null;
  }

  @Test
  void aClientWithTheTokenPlaysIntoACallAndHearsItsMarkBack() throws Exception {
    try (TcpBridgeClient client = TcpBridgeClient.connect(port, TOKEN)) {
      client.register(Addresses.PLAYBACK_EVENTS);
      String opened = client.request(Addresses.PLAYBACK_OPEN, new JsonObject().put("callId", CALL)
          .put("playbackId", "web").put("sampleRate", 8000).put("maxQueuedMs", 5000));
      JsonObject reply = next(client, f -> opened.equals(f.getString("address")));
      assertNotNull(reply);
      assertEquals(new JsonObject().put("callId", CALL).put("playbackId", "web"), reply.getJsonObject("body"));

      byte[] tone = new byte[1600 * 2]; // 200 ms of 500 Hz at half scale
      for (int i = 0; i < 1600; i++) {
        short s = (short) (16000 * Math.sin(2 * Math.PI * 500 * i / 8000.0));
        tone[2 * i] = (byte) s;
        tone[2 * i + 1] = (byte) (s >> 8);
      }
      client.publish(Addresses.playback("web"), Base64.getEncoder().encodeToString(tone)); // Twilio's payload form
      client.request(Addresses.PLAYBACK_MARK, new JsonObject().put("playbackId", "web").put("name", "said"));
      JsonObject played = next(client, f -> Addresses.PLAYBACK_EVENTS.equals(f.getString("address")));
      assertNotNull(played);
      assertEquals(new JsonObject().put("callId", CALL).put("playbackId", "web").put("name", "said"),
          played.getJsonObject("body"));
      assertTrue(caller.loudest > 0.4, "the caller heard the tone: peak " + caller.loudest);
    }
  }

  @Test
  void withoutTheTokenNothingIsPlayed() throws Exception {
    try (TcpBridgeClient client = TcpBridgeClient.connect(port, null)) {
      client.request(Addresses.PLAYBACK_OPEN, new JsonObject().put("callId", CALL).put("playbackId", "x")
          .put("sampleRate", 8000).put("maxQueuedMs", 5000));
      JsonObject refused = next(client, f -> "err".equals(f.getString("type")));
      assertNotNull(refused, "refused");
    }
  }
}
