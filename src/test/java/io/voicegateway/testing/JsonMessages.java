package io.voicegateway.testing;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** JSON messages a test's socket received, read by type (the others skipped: snapshots, call events). */
public final class JsonMessages {
  private JsonMessages() {}

  /** The next message of {@code type}, skipping others; fails when none comes. */
  public static JsonObject next(BlockingQueue<JsonObject> received, String type) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      JsonObject m = received.poll(10, TimeUnit.SECONDS);
      if (m == null) {
        break;
      }
      if (type.equals(m.getString("type"))) {
        return m;
      }
    }
    throw new AssertionError("no " + type + " message");
  }
}
