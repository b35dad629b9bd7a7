package io.voicegateway.bridge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.eventbus.bridge.tcp.impl.protocol.FrameParser;
import java.util.Arrays;

/**
 * Fuzz target for the bytes of one TCP bridge connection, read whole and a byte at a time, through what
 * reads them in the gateway: {@link FrameLengthGuard}, then (while it admits) the bridge's own FrameParser, then our
 * token check on each frame. The contract: the guard either admits a chunk or closes the connection, and after it
 * the parser never throws (it reports a bad JSON frame as a failed result); the token check answers every frame
 * without throwing and admits no frame without the token.
 */
class BridgeFrameFuzzTest {

  private static final String TOKEN = "bridge-secret";

  @FuzzTest
  void connection(byte[] bytes) {
    receive(bytes, bytes.length); // as one read
    receive(bytes, 1); // a byte at a time: lengths split across reads
  }

  private static void receive(byte[] bytes, int chunkSize) {
    FrameLengthGuard guard = new FrameLengthGuard();
    FrameParser parser = new FrameParser(result -> {
      if (result.failed()) {
        assertTrue(result.cause() instanceof DecodeException, () -> "parser failed with " + result.cause());
        return;
      }
      JsonObject frame = result.result();
      if (BridgeToken.allows(frame, TOKEN)) {
        assertTrue(TOKEN.equals(frame.getJsonObject("headers").getValue(BridgeToken.HEADER)), frame::encode);
      }
    });
    for (int pos = 0; pos < bytes.length; pos += chunkSize) {
      byte[] chunk = Arrays.copyOfRange(bytes, pos, Math.min(bytes.length, pos + chunkSize));
      if (!guard.admit(Unpooled.wrappedBuffer(chunk))) {
        return; // the connection is closed: nothing more reaches the parser
      }
      parser.handle(Buffer.buffer(chunk));
    }
  }
}
