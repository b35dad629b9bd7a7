package io.voicegateway.sip;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A SIP-over-WebSocket peer as a browser phone is one (RFC 7118: subprotocol {@code sip}, one SIP message per text
 * frame), written out by hand so tests see exactly what the gateway sends on the device's own connection.
 */
final class WsSipClient implements AutoCloseable {
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final WebSocket socket;

  WsSipClient(String url) throws Exception {
    socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("sip")
        .buildAsync(URI.create(url), new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              received.add(partial.toString());
              partial.setLength(0);
            }
            ws.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
  }

  String subprotocol() {
    return socket.getSubprotocol();
  }

  void send(String message) throws Exception {
    socket.sendText(message.replace("\n", "\r\n"), true).get(10, TimeUnit.SECONDS);
  }

  /** The next message received that matches, skipping others (100 Trying, retransmissions); fails after 10 s. */
  String await(Predicate<String> wanted, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      String next = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new AssertionError("no " + what + " within 10 s");
      }
      if (wanted.test(next)) {
        return next;
      }
    }
  }

  /** The first response with this status line code. */
  String awaitStatus(int status) throws InterruptedException {
    return await(m -> m.startsWith("SIP/2.0 " + status + " "), "SIP/2.0 " + status);
  }

  static String header(String message, String name) {
    for (String line : message.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  static String body(String message) {
    int blank = message.indexOf("\r\n\r\n");
    return blank < 0 ? "" : message.substring(blank + 4);
  }

  @Override
  public void close() {
    socket.abort();
  }
}
