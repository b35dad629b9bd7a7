package io.voicegateway.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.config.BridgeConfig;
import io.voicegateway.it.support.TcpBridgeClient;
import io.voicegateway.testing.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real TCP bridge against a raw client that sends what the bridge's frame parser cannot take: the connection is
 * closed before the parser runs and counted, and the bridge keeps serving everyone else.
 */
@ExtendWith(VertxExtension.class)
class BridgeFrameGuardTest {
  private static final String TOKEN = "s3cret";
  /** The fuzz finding: length field 0xb6000051, negative as a signed int. */
  private static final byte[] NEGATIVE_LENGTH = HexFormat.of().parseHex("b600005100ffffffffffffffffffffffffffffffffff");

  private BridgeVerticle bridge;
  private int port;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    BusCodecs.registerAll(vertx);
    port = FreePorts.udpAndTcp();
    bridge = new BridgeVerticle(new BridgeConfig(true, "127.0.0.1", port, true), TOKEN, false);
    vertx.deployVerticle(bridge).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void negativeFrameLengthClosesTheConnectionAndIsCounted() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(NEGATIVE_LENGTH);
      assertClosedByBridge(socket);
    }
    await().until(() -> bridge.refusedFrames() == 1);
    assertBridgeServes();
  }

  @Test
  void oversizedLengthSplitAcrossWritesClosesTheConnection() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(new byte[] {0x00, 0x10}); // 0x00100001: one byte over the limit, its length in two reads
      out.flush();
      out.write(new byte[] {0x00, 0x01, '{'});
      assertClosedByBridge(socket);
    }
    await().until(() -> bridge.refusedFrames() == 1);
    assertBridgeServes();
  }

  @Test
  void headersThatAreNotAnObjectAreRefusedNotThrown() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      byte[] json = new JsonObject().put("type", "send").put("address", "vg.calls.list").put("headers", "token")
          .encode().getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(new byte[] {0, 0, (byte) (json.length >> 8), (byte) json.length});
      out.write(json);
      JsonObject reply = readFrame(socket.getInputStream());
      assertEquals("err", reply.getString("type"), reply::encode);
    }
    assertEquals(0, bridge.refusedFrames());
    assertEquals(1, bridge.refusedTokens(), "a send without a token object is refused for its token");
    assertBridgeServes();
  }

  /** The bridge closes the socket: a read ends (the timeout only bounds a failing test). */
  private static void assertClosedByBridge(Socket socket) throws IOException {
    socket.setSoTimeout(30_000);
    InputStream in = socket.getInputStream();
    int read;
    try {
      read = in.read();
    } catch (IOException reset) {
      return; // closed with unread input on our side: a reset
    }
    assertEquals(-1, read, "the bridge answered instead of closing");
  }

  private void assertBridgeServes() throws Exception {
    try (TcpBridgeClient client = TcpBridgeClient.connect(port, TOKEN)) {
      assertTrue(client.ping(30), "no pong from the bridge after a refused connection");
    }
  }

  private static JsonObject readFrame(InputStream in) throws IOException {
    byte[] header = in.readNBytes(4);
    int length = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
        | (header[3] & 0xff);
    return new JsonObject(new String(in.readNBytes(length), StandardCharsets.UTF_8));
  }
}
