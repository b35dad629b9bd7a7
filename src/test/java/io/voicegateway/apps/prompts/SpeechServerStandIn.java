package io.voicegateway.apps.prompts;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A speech server as Kokoro-FastAPI answers {@code POST /v1/audio/speech}, on 127.0.0.1 and a free port: it
 * records each request's JSON and answers with what the test sets (audio, an error status, or nothing until
 * closed, for timeouts).
 */
final class SpeechServerStandIn implements AutoCloseable {
  final List<JsonObject> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger count = new AtomicInteger();
  private final HttpServer server;
  private final CountDownLatch released = new CountDownLatch(1);
  volatile int status = 200;
  volatile byte[] body = new byte[0];
  volatile String contentType = "audio/wav";
  volatile boolean hang;

  SpeechServerStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/v1/audio/speech", exchange -> {
      count.incrementAndGet();
      String method = exchange.getRequestMethod();
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      JsonObject json = new JsonObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      requests.add(json.put("_method", method).put("_contentType", type));
      if (hang) {
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] answer = body;
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
