package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.ApiClient.Answer;
import io.voicegateway.testing.FreePorts;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API against the in-process gateway: the token check and login cookie, every endpoint with its
 * errors, a call originated to SIPp and driven by the API (stats and level, DTMF, hold, resume, transfer,
 * hang-up) and found in the history; then the history read back after a restart on the same data directory.
 */
class ApiIT {
  private static final String TOKEN = "test-token";

  @TempDir
  Path dataDir;

  private static String sections(Path dataDir, int registrarPort) {
    return String.join("\n",
        "devices:",
        "  - id: alice",
        "    password: secret",
        "    extension: \"101\"",
        "providers:",
        "  - id: carrier1",
        "    host: 127.0.0.1",
        "    port: " + registrarPort,
        "history:",
        "  data_dir: " + dataDir);
  }

  private static String registration(int registrarPort) {
    return String.join("\n",
        "  registrations:",
        "    - uri: sip:4420123456@127.0.0.1:" + registrarPort + ";transport=tcp",
        "      username: \"4420123456\"",
        "      password: pw");
  }

  @Test
  void everyEndpointWithItsErrorsAndACallDrivenByTheApi() throws Exception {
    SippRunner.requireSipp();
    int registrarPort = FreePorts.udpAndTcp(); // nobody listens: the trunk registration never succeeds
    try (GatewayFixture gw = GatewayFixture.start(registration(registrarPort), sections(dataDir, registrarPort))) {
      int port = gw.gateway().httpPort();
      ApiClient api = new ApiClient(port, TOKEN);
      tokenAndLogin(api, port);
      configurationViews(api, gw.target());
      originateErrors(api);
      callDrivenByTheApi(api, gw.rtpPortMin());
    }
  }

  private void tokenAndLogin(ApiClient api, int port) throws Exception {
    ApiClient anonymous = new ApiClient(port, null);
    Answer none = anonymous.get("/api/v1/calls");
    assertEquals(401, none.status(), none.toString());
    assertTrue(none.object().getString("error").contains("token"), none.toString());
    assertEquals(401, api.withToken("wrong").get("/api/v1/calls").status());
    Answer health = anonymous.get("/health");
    assertEquals(200, health.status(), "health is open by default");
    // epoll when asked for (-Dvg.native_transport=true) on Linux x86-64, where the jar carries it; else NIO (issue 13).
    String expected = Boolean.getBoolean("vg.native_transport") && System.getProperty("os.name").startsWith("Linux")
        && "amd64".equals(System.getProperty("os.arch")) ? "epoll" : "nio";
    assertEquals(expected, health.object().getString("transport"), health.toString());
    Answer metrics = anonymous.get("/metrics");
    assertEquals(200, metrics.status(), "metrics are open by default");
    for (String family : List.of("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "vertx_http_server_",
        "vg_media_active_calls")) {
      assertTrue(metrics.body().contains(family), "/metrics lacks " + family);
    }

    assertEquals(401, anonymous.post("/api/v1/login", "{\"token\":\"wrong\"}").status());
    assertEquals(400, anonymous.post("/api/v1/login", "not json").status());
    Answer login = anonymous.post("/api/v1/login", "{\"token\":\"" + TOKEN + "\"}");
    assertEquals(204, login.status(), login.toString());
    String setCookie = login.raw().headers().firstValue("set-cookie").orElseThrow();
    assertTrue(setCookie.startsWith("vg_token=" + TOKEN), setCookie);
    assertTrue(setCookie.toLowerCase().contains("httponly") && setCookie.contains("SameSite=Strict"), setCookie);
    assertEquals(200, anonymous.get("/api/v1/calls", "Cookie", "vg_token=" + TOKEN).status());
    assertEquals(401, anonymous.get("/api/v1/calls", "Cookie", "vg_token=nope").status());

    Answer unknown = api.get("/api/v1/nothing-here");
    assertEquals(404, unknown.status());
    assertTrue(unknown.object().getString("error").contains("/api/v1/nothing-here"), unknown.toString());
  }

  private void configurationViews(ApiClient api, String gwTarget) throws Exception {
    JsonArray devices = api.get("/api/v1/devices").array();
    assertEquals(1, devices.size());
    JsonObject alice = devices.getJsonObject(0);
    assertEquals("alice", alice.getString("id"));
    assertEquals("101", alice.getString("extension"));
    assertEquals(false, alice.getBoolean("registered"));
    assertEquals(new JsonArray(), alice.getJsonArray("contacts"));
    assertNull(alice.getValue("lastSeen"));
    assertEquals(alice, api.get("/api/v1/devices/alice").object());
    assertEquals(404, api.get("/api/v1/devices/bob").status());

    assertError(api.post("/api/v1/calls", "{\"from\":\"app:echo\",\"to\":\"101\"}"), 409, "not registered");

    int phonePort = FreePorts.udpAndTcp();
    long before = System.currentTimeMillis();
    SippRunner.Result registered = SippRunner.scenario("register_once.xml").args("-s", "alice", "-p",
        String.valueOf(phonePort)).run(gwTarget, 1, 1, 1);
    assertEquals(0, registered.exitCode(), registered.toString());
    JsonObject now = api.get("/api/v1/devices/alice").object();
    assertTrue(now.getBoolean("registered"), now.encode());
    JsonObject contact = now.getJsonArray("contacts").getJsonObject(0);
    assertEquals("sip:alice@192.168.1.20:5060", contact.getString("contact"));
    assertEquals("127.0.0.1:" + phonePort + "/udp", contact.getString("source"), "where the REGISTER really came from");
    assertTrue(contact.getLong("expiresIn") > 100 && contact.getLong("expiresIn") <= 120, contact.encode());
    assertTrue(now.getLong("lastSeen") >= before, now.encode());

    // The phone answers on the port it registered from: a call to its extension goes there.
    SippRunner.Running phone = SippRunner.builtin("uas").args("-p", String.valueOf(phonePort)).start(null, 1, 1, 1);
    assertTrue(GatewayUnderTest.eventually(10, () -> listening(phonePort)), "the phone listens");
    Answer toDevice = api.post("/api/v1/calls", "{\"from\":\"app:echo\",\"to\":\"101\"}");
    assertEquals(201, toDevice.status(), toDevice.toString());
    JsonObject deviceCall = api.get("/api/v1/calls/" + toDevice.object().getString("id")).object();
    assertEquals("sip:alice@127.0.0.1:" + phonePort, deviceCall.getString("to"));
    assertEquals(204, api.delete("/api/v1/calls/" + toDevice.object().getString("id")).status());
    SippRunner.Result answered = phone.await();
    assertEquals(0, answered.exitCode(), answered.toString());

    JsonArray providers = api.get("/api/v1/providers").array();
    assertEquals(List.of("carrier1", "registration-1"), providers.stream().map(p -> ((JsonObject) p).getString("id")).toList());
    assertEquals("NONE", providers.getJsonObject(0).getString("state"), "carrier1 does not register");
    JsonObject trunk = providers.getJsonObject(1);
    assertTrue(Set.of("REGISTERING", "FAILED").contains(trunk.getString("state")), trunk.encode());
    assertTrue(trunk.getString("aor").startsWith("sip:4420123456@127.0.0.1"), trunk.encode());
    assertTrue(trunk.containsKey("lastError") && trunk.getString("publicAddress") != null, trunk.encode());
    assertTrue(!api.get("/api/v1/providers").body().contains("\"pw\""), "passwords never leave the gateway");

    JsonArray routes = api.get("/api/v1/routes").array();
    assertEquals(new JsonObject().put("direction", "inbound").put("match", "echo").put("from", "any").put("app", "echo"),
        routes.getJsonObject(0));
  }

  private void originateErrors(ApiClient api) throws Exception {
    assertError(api.post("/api/v1/calls", "{"), 400, "JSON object");
    assertError(api.post("/api/v1/calls", "{\"from\":\"app:echo\"}"), 400, "'to' is required");
    assertError(api.post("/api/v1/calls", "{\"from\":\"app:nosuch\",\"to\":\"sip:x@127.0.0.1\"}"), 400, "unknown app");
    assertError(api.post("/api/v1/calls", "{\"from\":\"app:echo\",\"to\":\"sip:x@127.0.0.1\",\"headers\":{\"Via\":\"x\"}}"),
        400, "X- headers");
    // click-to-call: a number that no route serves from alice is refused before her phone rings
    assertError(api.post("/api/v1/calls", "{\"from\":\"alice\",\"to\":\"999\"}"), 404, "no route");
    assertError(api.post("/api/v1/calls", "{\"from\":\"app:echo\",\"to\":\"4930123\"}"), 501, "provider");
    assertError(api.get("/api/v1/calls/no-such-call"), 404, "no active call");
    assertError(api.delete("/api/v1/calls/no-such-call"), 404, "no call");
    assertError(api.post("/api/v1/calls/no-such-call/hold", ""), 404, "no active call");
    assertError(api.post("/api/v1/calls/no-such-call/stream", "{\"enabled\":true}"), 404, "no call");
    assertError(api.get("/api/v1/history?page=0"), 400, "page");
    assertError(api.get("/api/v1/history?from=yesterday"), 400, "ISO-8601");
  }

  private void callDrivenByTheApi(ApiClient api, int rtpMin) throws Exception {
    int sippPort = FreePorts.udpAndTcp();
    SippRunner.Running sipp = SippRunner.scenario("uas_api.xml")
        .args("-p", String.valueOf(sippPort), "-mp", String.valueOf(FreePorts.block(4)))
        .start(null, 1, 1, 1);
    assertTrue(GatewayUnderTest.eventually(10, () -> listening(sippPort)), "sipp listens");

    Answer created = api.post("/api/v1/calls", "{\"from\":\"app:echo\",\"to\":\"sip:bob@127.0.0.1:" + sippPort
        + "\",\"headers\":{\"X-Ticket\":\"T-42\"}}");
    assertEquals(201, created.status(), created.toString());
    String id = created.object().getString("id");
    String call = "/api/v1/calls/" + id;

    JsonArray calls = api.get("/api/v1/calls").array();
    assertEquals(1, calls.size());
    JsonObject c = calls.getJsonObject(0);
    assertEquals(id, c.getString("id"));
    assertEquals("CONNECTED", c.getString("state"));
    assertEquals("outbound", c.getString("direction"));
    assertEquals("T-42", c.getJsonObject("xHeaders").getString("X-Ticket"));
    assertNotNull(c.getLong("connectedAt"));
    JsonObject sipLeg = c.getJsonArray("legs").getJsonObject(0);
    assertEquals("sip", sipLeg.getString("kind"));
    assertEquals("g711-alaw", sipLeg.getString("codec"));
    assertTrue(sipLeg.getString("peer").startsWith("sip:bob@127.0.0.1"), sipLeg.encode());
    int rtpPort = sipLeg.getInteger("rtpPort");
    assertTrue(rtpPort >= rtpMin && rtpPort < rtpMin + GatewayFixture.RTP_PORTS, sipLeg.encode());
    assertTrue(c.getJsonArray("legs").stream().anyMatch(l -> "echo".equals(((JsonObject) l).getString("peer"))),
        "the echo app is a leg: " + c.encode());

    // SIPp plays speech: packets arrive and the leg's level moves.
    assertTrue(GatewayUnderTest.eventually(10, () -> {
      JsonObject stats = sipStats(api, call);
      return stats != null && stats.getLong("packetsReceived") > 50 && stats.getDouble("level") > 0.005;
    }), "packets and level of the SIP leg: " + api.get(call).body());
    JsonObject stats = sipStats(api, call);
    assertTrue(stats.getDouble("jitterMs") >= 0 && stats.getLong("packetsLost") >= 0, stats.encode());

    assertError(api.post(call + "/resume", ""), 409, "ON_HOLD");
    assertError(api.post(call + "/dtmf", "{\"digits\":\"12x\"}"), 400, "0-9");
    assertError(api.post(call + "/dtmf", "{}"), 400, "'digits' is required");
    assertEquals(202, api.post(call + "/dtmf", "{\"digits\":\"12#\"}").status());
    Answer streaming = api.post(call + "/stream", "{\"enabled\":true}");
    assertEquals(200, streaming.status(), streaming.toString());
    assertEquals(new JsonObject().put("callId", id).put("streaming", true).put("address", "vg.audio." + id),
        streaming.object());
    assertError(api.post(call + "/stream", "{\"enabled\":\"yes\"}"), 400, "'enabled' is required");
    assertEquals(false, api.post(call + "/stream", "{\"enabled\":false}").object().getBoolean("streaming"));
    assertEquals(204, api.post(call + "/hold", "").status());
    assertEquals("ON_HOLD", api.get(call).object().getString("state"));
    assertTrue(api.get(call).object().getJsonArray("legs").getJsonObject(0).getBoolean("onHold"));
    assertError(api.post(call + "/hold", ""), 409, "CONNECTED");
    assertError(api.post(call + "/dtmf", "{\"digits\":\"1\"}"), 409, "ON_HOLD");
    assertEquals(204, api.post(call + "/resume", "").status());
    assertEquals("RESUMED", api.get(call).object().getString("state"));
    assertError(api.post(call + "/transfer", "{}"), 400, "'to' is required");
    Answer transfer = api.post(call + "/transfer", "{\"to\":\"sip:carol@127.0.0.1\"}");
    assertEquals(202, transfer.status(), transfer.toString());
    assertEquals(202, transfer.object().getInteger("status"));
    assertEquals("TRANSFERRED", api.get(call).object().getString("state"));
    assertEquals(204, api.delete(call).status());
    assertError(api.delete(call), 404, "no call");

    SippRunner.Result r = sipp.await();
    assertEquals(0, r.exitCode(), r.toString());

    assertTrue(GatewayUnderTest.eventually(10, () -> historyTotal(api, "") == 2), "both calls are in the history");
    JsonObject page = api.get("/api/v1/history?number=bob&size=10").object();
    assertEquals(1, page.getLong("total"));
    assertEquals(10, page.getInteger("size"));
    JsonObject item = page.getJsonArray("items").getJsonObject(0);
    assertEquals(id, item.getString("id"));
    assertEquals("api hangup", item.getString("cause"));
    assertTrue(item.getLong("answeredAt") >= item.getLong("startedAt"));
    assertEquals(item.getLong("endedAt") - item.getLong("answeredAt"), item.getLong("durationMs"));
    assertEquals("g711-alaw", item.getJsonArray("legs").getJsonObject(0).getString("codec"));
    assertEquals(0, historyTotal(api, "number=nobody"));
    assertEquals(0, historyTotal(api, "from=" + (item.getLong("startedAt") + 1)));
    assertEquals(1, historyTotal(api, "from=" + item.getLong("startedAt") + "&to=" + (item.getLong("startedAt") + 1)));
  }

  @Test
  void historySurvivesARestart() throws Exception {
    SippRunner.requireSipp();
    JsonObject before;
    try (GatewayFixture gw = GatewayFixture.start("", "history:\n  data_dir: " + dataDir)) {
      ApiClient api = new ApiClient(gw.gateway().httpPort(), TOKEN);
      SippRunner.Result r = SippRunner.builtin("uac").args("-s", "echo", "-d", "1000").run(gw.target(), 1, 1, 1);
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(GatewayUnderTest.eventually(10, () -> historyTotal(api, "") == 1), "the echo call is recorded");
      before = api.get("/api/v1/history").object();
    }
    try (GatewayFixture gw = GatewayFixture.start("", "history:\n  data_dir: " + dataDir)) {
      JsonObject after = new ApiClient(gw.gateway().httpPort(), TOKEN).get("/api/v1/history").object();
      assertEquals(before, after);
      JsonObject item = after.getJsonArray("items").getJsonObject(0);
      assertEquals("inbound", item.getString("direction"));
      assertEquals("remote BYE", item.getString("cause"));
      assertEquals("g711-ulaw", item.getJsonArray("legs").getJsonObject(0).getString("codec"));
    }
  }

  private static JsonObject sipStats(ApiClient api, String call) {
    try {
      return api.get(call).object().getJsonArray("legs").getJsonObject(0).getJsonObject("stats");
    } catch (Exception e) {
      return null;
    }
  }

  private static long historyTotal(ApiClient api, String query) {
    try {
      return api.get("/api/v1/history?" + query).object().getLong("total");
    } catch (Exception e) {
      return -1;
    }
  }

  private static boolean listening(int port) {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      return false;
    } catch (Exception e) {
      return true;
    }
  }

  private static void assertError(Answer a, int status, String text) {
    assertEquals(status, a.status(), a.toString());
    assertTrue(a.object().getString("error").contains(text), a.toString());
  }
}
