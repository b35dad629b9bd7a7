package io.voicegateway.it.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.voicegateway.it.support.HeadlessChromium;
import io.voicegateway.testing.Tools;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * A JsSIP phone in headless Chromium: {@code src/test/js/jssip-phone.html} served on loopback with JsSIP from
 * {@code src/test/js/node_modules} ({@code npm install} there; .ci/run does it). No JsSIP installed: the test is
 * skipped, or fails under {@code CI=true}. Chromium captures {@code captureWav} as its microphone.
 */
public final class JsSipPhone implements AutoCloseable {
  private static final Path JS = Path.of("src/test/js");

  private final HttpServer server;
  private final HeadlessChromium chromium;

  private JsSipPhone(HttpServer server, HeadlessChromium chromium) {
    this.server = server;
    this.chromium = chromium;
  }

  /** @param captureWav what the fake microphone plays (looped), or null for Chromium's beep */
  public static JsSipPhone open(Path captureWav) throws Exception {
    Tools.requireFile(JS.resolve("node_modules/jssip/package.json"));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    Path root = JS.toAbsolutePath().normalize();
    server.createContext("/", exchange -> {
      Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      byte[] body = Files.readAllBytes(file);
      String name = file.getFileName().toString();
      exchange.getResponseHeaders().set("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8"
          : name.endsWith(".json") ? "application/json" : "text/javascript; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    List<String> media = captureWav == null
        ? List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            "--autoplay-policy=no-user-gesture-required")
        : List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            "--use-file-for-fake-audio-capture=" + captureWav.toAbsolutePath(),
            "--autoplay-policy=no-user-gesture-required");
    HeadlessChromium chromium;
    try {
      chromium = HeadlessChromium.start(800, 600, media);
      chromium.navigate("http://127.0.0.1:" + server.getAddress().getPort() + "/jssip-phone.html");
    } catch (Exception e) {
      server.stop(0);
      throw e;
    }
    return new JsSipPhone(server, chromium);
  }

  public void register(String wsUrl, String uri, String password) throws Exception {
    chromium.script("phone.register(arguments[0], arguments[1], arguments[2]);", wsUrl, uri, password);
  }

  public void call(String target) throws Exception {
    chromium.script("phone.call(arguments[0]);", target);
  }

  public void hangup() throws Exception {
    chromium.script("phone.hangup();");
  }

  /** {registered, failed, callState, ended, log}: what the page saw so far. */
  public JsonNode state() throws Exception {
    return chromium.script("return phone.state;");
  }

  /** What the phone heard since its call began: 48 kHz mono 16-bit PCM, little-endian. */
  public byte[] recording() throws Exception {
    return Base64.getDecoder().decode(chromium.script("return phone.recording();").asText());
  }

  /** The browser console since the last call: JsSIP's errors end up there. */
  public String console() throws Exception {
    StringBuilder out = new StringBuilder();
    for (JsonNode entry : chromium.consoleLog()) {
      out.append(entry.path("message").asText()).append('\n');
    }
    return out.toString();
  }

  @Override
  public void close() throws Exception {
    try {
      chromium.script("phone.stop();");
    } catch (Exception ignored) {
      // the page may be gone already
    } finally {
      try {
        chromium.close();
      } finally {
        server.stop(0);
      }
    }
  }
}
