package io.voicegateway.it.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.voicegateway.it.support.HeadlessChromium;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.Tools;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * A JsSIP phone in headless Chromium: {@code src/test/js/jssip-phone.html} served on loopback with JsSIP from
 * {@code src/test/js/node_modules} ({@code npm install} there; .ci/run does it). No JsSIP installed: the test is
 * skipped, or fails under {@code CI=true}. Its calls send a WAV the test gives ({@code /speech.wav}), from its start
 * once answered.
 */
public final class JsSipPhone implements AutoCloseable {
  private static final Path JS = Path.of("src/test/js");

  private final HttpServer server;
  private final HeadlessChromium chromium;

  private JsSipPhone(HttpServer server, HeadlessChromium chromium) {
    this.server = server;
    this.chromium = chromium;
  }

  /** @param speech what the phone sends in its calls (a WAV), or null when it makes none */
  public static JsSipPhone open(Path speech) throws Exception {
    Tools.requireFile(JS.resolve("node_modules/jssip/package.json"));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    Path root = JS.toAbsolutePath().normalize();
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      Path file = "/speech.wav".equals(path) && speech != null ? speech : root.resolve(path.substring(1)).normalize();
      if (!(file.startsWith(root) || file.equals(speech)) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      byte[] body = Files.readAllBytes(file);
      String name = file.getFileName().toString();
      exchange.getResponseHeaders().set("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8"
          : name.endsWith(".json") ? "application/json" : name.endsWith(".wav") ? "audio/wav"
          : "text/javascript; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    HeadlessChromium chromium;
    try {
      chromium = HeadlessChromium.start(800, 600, List.of("--autoplay-policy=no-user-gesture-required"));
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

  /** Calls {@code target}; once answered it sends the speech WAV given to {@link #open}. */
  public void call(String target) throws Exception {
    chromium.script("phone.call(arguments[0], '/speech.wav');", target);
  }

  /** From now on the phone answers calls to it at once, sending the speech WAV given to {@link #open} once confirmed. */
  public void autoAnswer() throws Exception {
    chromium.script("phone.autoAnswer('/speech.wav');");
  }

  /** Closes the page's WebSocket under JsSIP, without an un-REGISTER; JsSIP reconnects and registers anew. */
  public void dropConnection() throws Exception {
    chromium.script("phone.dropConnection();");
  }

  public void hangup() throws Exception {
    chromium.script("phone.hangup();");
  }

  /** {registered, failed, callState, ended, log}: what the page saw so far. */
  public JsonNode state() throws Exception {
    return chromium.script("return phone.state;");
  }

  /** One field of {@link #state()} as text ("" when absent). */
  public String field(String name) {
    try {
      return state().path(name).asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@link Boolean#TRUE} when {@link #field} {@code name} reads {@code wanted}, else null: for eventually(…). */
  public Boolean fieldIs(String name, String wanted) {
    return wanted.equals(field(name)) ? Boolean.TRUE : null;
  }

  /** What the phone heard in its call ({@link #recording()}), at {@code rate}. */
  public short[] heard(int rate) throws Exception {
    byte[] le = recording();
    short[] pcm = new short[le.length / 2];
    ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
    return AudioMatch.resample(pcm, 48000, rate);
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

  /** Un-REGISTERs (waiting up to 5 s for the answer, so no binding outlives the phone), then closes the browser. */
  @Override
  public void close() throws Exception {
    try {
      chromium.script("phone.stop();");
      HeadlessChromium.eventually(5, "un-REGISTER answered", () -> {
        try {
          return state().path("registered").asBoolean() ? null : Boolean.TRUE;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    } catch (Exception | AssertionError ignored) {
      // the page may be gone already; the binding then lapses at its expiry
    } finally {
      try {
        chromium.close();
      } finally {
        server.stop(0);
      }
    }
  }
}
