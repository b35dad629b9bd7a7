package io.voicegateway.stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.StreamingConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A consumer that stops reading can never be sent a close frame, so closing its WebSocket gracefully would keep the
 * TCP connection forever: the stream client's write-idle timeout must end it, through Vert.x's public options only.
 */
class StalledSocketCloseTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void aSocketNoWriteCompletesOnIsClosed() throws Exception {
    StreamingConfig config = ConfigLoader.parse("streaming:\n  bot: {url: 'ws://127.0.0.1:1/', max_queued: 100ms}\n",
        Map.of()).streaming();
    HttpServer reader = vertx.createHttpServer().webSocketHandler(ws -> ws.pause()).listen(0, "127.0.0.1")
        .await(30, TimeUnit.SECONDS);
    WebSocket ws = vertx.createWebSocketClient(StreamVerticle.clientOptions(config))
        .connect(reader.actualPort(), "127.0.0.1", "/").await(30, TimeUnit.SECONDS);
    AtomicBoolean closed = new AtomicBoolean();
    AtomicBoolean full = new AtomicBoolean();
    String frame = "x".repeat(4000);
    vertx.runOnContext(v -> {
      ws.closeHandler(x -> closed.set(true));
      ws.setWriteQueueMaxSize(16 * 1024);
      for (int i = 0; i < 3000; i++) {
        ws.writeTextMessage(frame);
      }
      full.set(ws.writeQueueFull());
    });
    await().atMost(Duration.ofSeconds(60)).untilTrue(closed);
    assertTrue(full.get(), "the consumer's socket was full when it was let go");
  }
}
