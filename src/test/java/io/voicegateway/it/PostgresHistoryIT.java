package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.it.support.GatewayJvm;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.GatewayYaml;
import io.voicegateway.it.support.PostgresServer;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways (each its own JVM, as users run them) with different node ids share one PostgreSQL database
 * ({@code history.url}, user from the environment) and one data directory (recordings, voicemail audio). Real calls
 * from SIPp to the echo app land in PostgreSQL with their node; each gateway's history API lists both; a recording
 * made on one is served by the other; a voicemail message indexed by one is listed by the other. Then both carry a
 * call and one is killed with SIGKILL: after its restart only its own open row is closed as "interrupted", while
 * the other's call goes on and is completed normally when that gateway stops.
 */
class PostgresHistoryIT {
  @TempDir
  Path dir;

  private record Node(String id, GatewayYaml yaml, Path conf) {
    ApiClient api() {
      return yaml.api();
    }
  }

  private Node node(String id, String url, Path shared, Path greeting) throws IOException {
    GatewayYaml yaml = new GatewayYaml().postgres(url).nodeId(id).dataDir(shared).yaml(
        "voicemail:",
        "  boxes:",
        "    sales: {greeting: {file: " + greeting + "}}",
        "routes: [{direction: inbound, match: echo, app: echo, from: any, record: true}]");
    return new Node(id, yaml, yaml.write(dir.resolve(id + ".yaml")));
  }

  private GatewayJvm start(Node node, String log) throws IOException {
    return GatewayJvm.start(node.conf(), dir.resolve(log));
  }

  @Test
  void twoNodesShareTheStoreAndAKilledNodeClosesOnlyItsOwnCalls() throws Exception {
    SippRunner.requireSipp();
    Tools.require("sox");
    Path shared = dir.resolve("shared");
    Path greeting = dir.resolve("greeting.wav");
    Tools.run("sox", "-n", "-r", "16000", "-c", "1", "-b", "16", greeting.toString(), "synth", "1", "sine", "440");
    // a message whose caller hung up as a gateway died: indexed at the next start of whichever node comes first
    Path message = shared.resolve("voicemail/sales/left-1.wav");
    Files.createDirectories(message.getParent());
    Tools.run("sox", "-n", "-r", "16000", "-c", "1", "-b", "16", message.toString(), "synth", "2", "sine", "300");
    Files.setLastModifiedTime(message, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));

    try (PostgresServer pg = PostgresServer.start()) {
      String url = pg.createDatabase("vg");
      Node a = node("gw-a", url, shared, greeting);
      Node b = node("gw-b", url, shared, greeting);
      GatewayJvm gwA = start(a, "a1.log");
      GatewayJvm gwB = start(b, "b1.log");
      List<SippRunner.Running> callers = new ArrayList<>();
      try {
        // 1. a call with audio on a (recorded: the route says record), a short one on b
        SippRunner.Result onA = SippRunner.builtin("uac_pcap").args("-s", "echo")
            .run(a.yaml().sipTarget(), 1, 1, 1);
        assertEquals(1, onA.successful(), onA.toString());
        SippRunner.Result onB = SippRunner.builtin("uac").args("-s", "echo", "-d", "2000")
            .run(b.yaml().sipTarget(), 1, 1, 1);
        assertEquals(1, onB.successful(), onB.toString());
        assertTrue(GatewayUnderTest.eventually(30, () -> finished(pg).size() == 2
            && finished(pg).values().stream().allMatch(r -> r.get("recording_ms") != null)),
            () -> "both calls completed in PostgreSQL: " + rows(pg));
        Map<String, Map<String, Object>> calls = finished(pg);
        Map<String, Object> callA = byNode(calls, "gw-a");
        Map<String, Object> callB = byNode(calls, "gw-b");
        System.out.println("PostgreSQL history rows: " + calls);
        for (Map<String, Object> call : List.of(callA, callB)) {
          assertEquals("inbound", call.get("direction"), call.toString());
          assertTrue(((String) call.get("to_uri")).contains("echo"), call.toString());
          assertTrue(((String) call.get("from_uri")).startsWith("sip:sipp@"), call.toString());
          assertNotNull(call.get("answered_at"), call.toString());
          assertTrue((long) call.get("ended_at") >= (long) call.get("answered_at"), call.toString());
          assertTrue((long) call.get("duration_ms") >= 1_500, call.toString());
          assertNotEquals("interrupted", call.get("cause"), call.toString());
          assertTrue(legs(pg, (String) call.get("id")) >= 1, "legs stored: " + call);
        }
        assertTrue((long) callA.get("recording_ms") >= 5_000, "8 s of pcap recorded: " + callA);
        Path wav = Path.of((String) callA.get("recording_path"));
        assertTrue(wav.startsWith(shared.resolve("recordings")), wav.toString());

        // 2. each node lists both calls; b serves a's recording from the shared directory
        for (Node n : List.of(a, b)) {
          JsonObject page = n.api().get("/api/v1/history").object();
          assertEquals(2, page.getLong("total"), n.id() + ": " + page.encode());
        }
        ApiClient.Answer fromB = b.api().get("/api/v1/history/" + callA.get("id") + "/recording");
        assertEquals(200, fromB.status(), fromB.toString());
        assertEquals(String.valueOf(Files.size(wav)),
            fromB.raw().headers().firstValue("content-length").orElse("?"), "the whole file through node b");
        double[] rms = channelRms(wav);
        System.out.printf("recording of the call on gw-a, served by gw-b: %d bytes, RMS caller channel %.0f, other parties %.0f%n",
            Files.size(wav), rms[0], rms[1]);
        // the caller's channel (left) holds the pcap's audio; the echo app is no party of the mix (right is silent)
        assertTrue(rms[0] > 300, "the pcap's audio in the recording: " + java.util.Arrays.toString(rms));

        // 3. the voicemail index is shared: the message recovered at start-up is listed once by both nodes
        for (Node n : List.of(a, b)) {
          JsonArray messages = n.api().get("/api/v1/voicemail/sales/messages").object().getJsonArray("messages");
          assertEquals(1, messages.size(), n.id() + ": " + messages.encode());
          assertEquals("left-1", messages.getJsonObject(0).getString("id"));
        }
        assertEquals(1, count(pg, "SELECT COUNT(*) FROM voicemail_messages"));

        // 4. both carry a call; a is killed; its restart closes its own open row only
        callers.add(SippRunner.builtin("uac").args("-s", "echo", "-d", "60000", "-p",
            String.valueOf(FreePorts.udpAndTcp())).timeoutSeconds(120).start(a.yaml().sipTarget(), 1, 1, 1));
        callers.add(SippRunner.builtin("uac").args("-s", "echo", "-d", "60000", "-p",
            String.valueOf(FreePorts.udpAndTcp())).timeoutSeconds(120).start(b.yaml().sipTarget(), 1, 1, 1));
        assertTrue(GatewayUnderTest.eventually(30, () -> count(pg,
            "SELECT COUNT(*) FROM calls WHERE ended_at IS NULL AND answered_at IS NOT NULL") == 2),
            () -> "both calls answered and open: " + rows(pg));
        long killedAt = System.currentTimeMillis();
        gwA.kill(); // SIGKILL: no BYE, no CALL_TERMINATED, no shutdown hook
        gwA = start(a, "a2.log");
        Map<String, Map<String, Object>> after = rows(pg);
        Map<String, Object> openA = onlyOpenedSince(after, "gw-a", calls);
        Map<String, Object> openB = onlyOpenedSince(after, "gw-b", calls);
        assertEquals("interrupted", openA.get("cause"), openA.toString());
        assertTrue((long) openA.get("ended_at") <= killedAt, "ended by a's last heartbeat: " + openA);
        assertNull(openB.get("ended_at"), "b's call is still going on, its row still open: " + openB);
        assertNull(openB.get("cause"), openB.toString());
        assertTrue(gwA.log().contains("node gw-a") && gwA.log().contains("closed as interrupted"), gwA.log());

        // b stops cleanly: its call gets its BYE and its row is completed, not interrupted
        assertTrue(gwB.stop(), "gw-b stopped on SIGTERM");
        Map<String, Object> endedB = onlyOpenedSince(rows(pg), "gw-b", calls);
        assertNotNull(endedB.get("ended_at"), endedB.toString());
        assertNotEquals("interrupted", endedB.get("cause"), endedB.toString());
        System.out.println("after SIGKILL of gw-a and its restart: " + openA + "; gw-b's call: " + endedB);
      } finally {
        for (GatewayJvm gw : List.of(gwA, gwB)) {
          gw.close();
        }
        for (SippRunner.Running caller : callers) {
          caller.kill();
        }
      }
    }
  }

  /** Per channel of a 16-bit stereo WAV (after its 44-byte header). */
  private static double[] channelRms(Path wav) throws IOException {
    ByteBuffer pcm = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN).position(44);
    double[] sum = new double[2];
    long frames = 0;
    while (pcm.remaining() >= 4) {
      for (int ch = 0; ch < 2; ch++) {
        double s = pcm.getShort();
        sum[ch] += s * s;
      }
      frames++;
    }
    return new double[] {Math.sqrt(sum[0] / Math.max(1, frames)), Math.sqrt(sum[1] / Math.max(1, frames))};
  }

  private static Map<String, Object> byNode(Map<String, Map<String, Object>> rows, String node) {
    List<Map<String, Object>> of = rows.values().stream().filter(r -> node.equals(r.get("node"))).toList();
    assertEquals(1, of.size(), node + ": " + rows);
    return of.get(0);
  }

  private static Map<String, Object> onlyOpenedSince(Map<String, Map<String, Object>> rows, String node,
      Map<String, Map<String, Object>> before) {
    Map<String, Map<String, Object>> fresh = new LinkedHashMap<>(rows);
    fresh.keySet().removeAll(before.keySet());
    return byNode(fresh, node);
  }

  private static Map<String, Map<String, Object>> finished(PostgresServer pg) {
    Map<String, Map<String, Object>> all = rows(pg);
    all.values().removeIf(r -> r.get("ended_at") == null);
    return all;
  }

  /** Every calls row, straight from PostgreSQL. */
  private static Map<String, Map<String, Object>> rows(PostgresServer pg) {
    return pg.rows("vg", "SELECT id, node, direction, from_uri, to_uri, sip_call_id, started_at, answered_at,"
        + " ended_at, duration_ms, cause, recording_path, recording_ms FROM calls ORDER BY started_at");
  }

  private static int legs(PostgresServer pg, String callId) throws SQLException {
    return count(pg, "SELECT COUNT(*) FROM call_legs WHERE call_id = '" + callId.replace("'", "''") + "'");
  }

  private static int count(PostgresServer pg, String sql) {
    try (Connection db = pg.connect("vg"); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
