package io.voicegateway.it.support;

import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A consumer of the TCP event-bus bridge as an outside program sees it: a plain socket, frames of a 4-byte
 * big-endian length and a UTF-8 JSON object (written by hand on purpose: it is what the test checks). A
 * reader thread queues every frame the gateway sends.
 */
public final class TcpBridgeClient implements AutoCloseable {
  private final Socket socket;
  private final DataOutputStream out;
  private final String token;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final BlockingQueue<JsonObject> pongs = new LinkedBlockingQueue<>();
  private final Thread reader;

  private TcpBridgeClient(Socket socket, String token) throws IOException {
    this.socket = socket;
    this.out = new DataOutputStream(socket.getOutputStream());
    this.token = token;
    DataInputStream in = new DataInputStream(socket.getInputStream());
    this.reader = new Thread(() -> read(in), "tcp-bridge-client");
    reader.setDaemon(true);
    reader.start();
  }

  /** @param token sent in every frame's headers; null sends none */
  public static TcpBridgeClient connect(int port, String token) throws IOException {
    return new TcpBridgeClient(new Socket("127.0.0.1", port), token);
  }

  private void read(DataInputStream in) {
    try {
      while (true) {
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        JsonObject frame = new JsonObject(new String(json, StandardCharsets.UTF_8));
        (("pong".equals(frame.getString("type"))) ? pongs : frames).add(frame);
      }
    } catch (IOException | RuntimeException closed) {
      // socket closed: the test is done with it
    }
  }

  public void register(String address) throws IOException {
    write(frame("register", address));
  }

  /**
   * Sends a ping and waits for its pong (kept out of {@link #next}). The bridge handles a connection's frames
   * in order, so the pong also says every frame sent before it (a register, say) has been handled.
   *
   * @return false if no pong came within {@code seconds}
   */
  public boolean ping(long seconds) throws IOException, InterruptedException {
    pongs.clear();
    write(new JsonObject().put("type", "ping"));
    return pongs.poll(seconds, TimeUnit.SECONDS) != null;
  }

  public void publish(String address, Object body) throws IOException {
    write(frame("publish", address).put("body", body));
  }

  /** Sends with a fresh reply address and returns it: the reply arrives as a message frame to it. */
  public String request(String address, Object body) throws IOException {
    String replyAddress = "reply-" + UUID.randomUUID();
    write(frame("send", address).put("body", body).put("replyAddress", replyAddress));
    return replyAddress;
  }

  /** The next frame, or null after {@code seconds}. */
  public JsonObject next(long seconds) throws InterruptedException {
    return frames.poll(seconds, TimeUnit.SECONDS);
  }

  private JsonObject frame(String type, String address) {
    JsonObject frame = new JsonObject().put("type", type).put("address", address);
    if (token != null) {
      frame.put("headers", new JsonObject().put("token", token));
    }
    return frame;
  }

  private synchronized void write(JsonObject frame) throws IOException {
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    out.writeInt(json.length);
    out.write(json);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      socket.close();
    } catch (SocketException ignored) {
      // already closed
    }
  }
}
