package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.it.support.GatewayJvm;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.GatewayYaml;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway killed with SIGKILL while a call is connected (the gateway runs as its own JVM, as a user runs it):
 * the call's history row, written when it started, is closed as "interrupted" by the restarted gateway and listed
 * by the history API, answered, with an end no earlier than its start. The call's Call-ID is 600 characters long,
 * more than the history's column holds: it is listed shortened with a hash (docs/api.md).
 */
class HistoryKillIT {
  @TempDir
  Path dir;

  @Test
  void aCallConnectedWhenTheGatewayIsKilledIsInTheHistoryAsInterruptedAfterTheRestart() throws Exception {
    SippRunner.requireSipp();
    GatewayYaml yaml = new GatewayYaml().dataDir(dir.resolve("data"))
        .yaml("routes: [{direction: inbound, match: echo, app: echo, from: any}]");
    Path conf = yaml.write(dir.resolve("gw.yaml"));
    ApiClient api = yaml.api();
    String longCallId = "k".repeat(600) + "-%u@127.0.0.1";

    GatewayJvm gw = GatewayJvm.start(conf, dir.resolve("gw1.log"));
    SippRunner.Running caller = null;
    long killedAt;
    try {
      // SIPp's uac: INVITE, 200, ACK, then 60 s of call before its BYE; the gateway dies long before
      caller = SippRunner.builtin("uac").args("-s", "echo", "-d", "60000", "-cid_str", longCallId,
          "-p", String.valueOf(FreePorts.udpAndTcp())).timeoutSeconds(90).start(yaml.sipTarget(), 1, 1, 1);
      assertTrue(GatewayUnderTest.eventually(20, () -> connectedCalls(api) == 1), "the call connected");
      killedAt = System.currentTimeMillis();
      gw.kill(); // SIGKILL: no CALL_TERMINATED, no shutdown hook
    } finally {
      gw.close();
      if (caller != null) {
        caller.kill();
      }
    }

    GatewayJvm restarted = GatewayJvm.start(conf, dir.resolve("gw2.log"));
    try {
      JsonObject page = api.get("/api/v1/history").object();
      JsonArray items = page.getJsonArray("items");
      assertEquals(1, items.size(), page.encode());
      JsonObject call = items.getJsonObject(0);
      assertEquals("interrupted", call.getString("cause"), call.encode());
      assertNotNull(call.getLong("answeredAt"), "it was answered before the kill: " + call.encode());
      assertTrue(call.getLong("endedAt") >= call.getLong("answeredAt"), call.encode());
      assertTrue(call.getLong("endedAt") <= killedAt, "ended by the last heartbeat before the kill: " + call.encode());
      String sipCallId = call.getString("sipCallId");
      assertEquals(512, sipCallId.length(), sipCallId);
      assertTrue(sipCallId.matches("k{495}~[0-9a-f]{16}"), sipCallId);
      System.out.println("after SIGKILL and restart, the history lists: " + call.encode());
      assertTrue(restarted.log().contains("closed as interrupted"),
          "the restart says what it closed");
    } finally {
      restarted.close();
    }
  }

  private static int connectedCalls(ApiClient api) {
    try {
      JsonArray calls = api.get("/api/v1/calls").array();
      int connected = 0;
      for (int i = 0; i < calls.size(); i++) {
        connected += "CONNECTED".equals(calls.getJsonObject(i).getString("state")) ? 1 : 0;
      }
      return connected;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
