package io.voicegateway.stream;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Twilio-Media-Streams consumer for tests: a Vert.x WebSocket server that records what each connection gets. */
final class FakeConsumer implements AutoCloseable {
  /** One accepted WebSocket and the messages it received, in order. */
  record Connection(ServerWebSocket socket, BlockingQueue<JsonObject> messages, String authorization) {
    JsonObject next() throws InterruptedException {
      JsonObject m = messages.poll(30, TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError("the consumer got no further message");
      }
      return m;
    }

    /** The next message that is not media (the feed keeps flowing while a test waits for a mark or dtmf). */
    JsonObject nextControl() throws InterruptedException {
      JsonObject m;
      do {
        m = next();
      } while ("media".equals(m.getString("event")));
      return m;
    }

    void send(JsonObject message) {
      socket.writeTextMessage(message.encode());
    }
  }

  final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();
  private final HttpServer server;

  FakeConsumer(Vertx vertx) throws Exception {
    server = vertx.createHttpServer().webSocketHandler(ws -> {
      Connection c = new Connection(ws, new LinkedBlockingQueue<>(), ws.headers().get("Authorization"));
      ws.textMessageHandler(text -> c.messages().add(new JsonObject(text)));
      connections.add(c);
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  int port() {
    return server.actualPort();
  }

  Connection accepted() throws InterruptedException {
    Connection c = connections.poll(30, TimeUnit.SECONDS);
    if (c == null) {
      throw new AssertionError("the gateway did not connect");
    }
    return c;
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
