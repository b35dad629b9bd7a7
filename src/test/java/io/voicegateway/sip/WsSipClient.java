package io.voicegateway.sip;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.security.cert.X509Certificate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A SIP-over-WebSocket peer as a browser phone is one (RFC 7118: subprotocol {@code sip}, one SIP message per text
 * frame), written out by hand so tests see exactly what the gateway sends on the device's own connection.
 */
final class WsSipClient implements AutoCloseable {
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final WebSocket socket;

  WsSipClient(String url) throws Exception {
    this(url, HttpClient.newHttpClient());
  }

  /** Over wss, trusting any certificate (the gateway's test certificate is self-signed). */
  static WsSipClient secure(String url) throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new TrustingAll()}, null);
    return new WsSipClient(url, HttpClient.newBuilder().sslContext(tls).build());
  }

  private WsSipClient(String url, HttpClient http) throws Exception {
    socket = http.newWebSocketBuilder().subprotocols("sip")
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

  private static final class TrustingAll extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
    @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
  }

  @Override
  public void close() {
    socket.abort();
  }
}
