package io.voicegateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.voicegateway.bus.Addresses;
import io.voicegateway.sip.trace.SipTraceEntry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SipLadderApiTest {
  private static final String TOKEN = "s3cret";
  private final HttpClient http = HttpClient.newHttpClient();
  private Vertx vertx;
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    // Stands in for the SIP verticle's trace service: one known call.
    vertx.eventBus().<String>consumer(Addresses.SIP_TRACE, msg -> {
      if (msg.body().equals("call-1")) {
        msg.reply(new JsonArray().add(new SipTraceEntry(5, "in", "127.0.0.1:5070", "127.0.0.1:5060",
            "INVITE sip:echo@127.0.0.1 SIP/2.0", "sip-1", "INVITE sip:echo@127.0.0.1 SIP/2.0\r\n").toJson()));
      } else {
        msg.fail(404, "no SIP messages recorded for " + msg.body());
      }
    });
    Router router = Router.router(vertx);
    SipLadderApi.mount(router, vertx, new ApiAuth(TOKEN));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private HttpResponse<String> get(String id, String token) throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.actualPort() + "/api/v1/calls/" + id + "/sip"));
    if (token != null) {
      req.header("Authorization", "Bearer " + token);
    }
    return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersTheLadderOfAKnownCall() throws Exception {
    HttpResponse<String> res = get("call-1", TOKEN);
    assertEquals(200, res.statusCode(), res.body());
    JsonObject first = new JsonArray(res.body()).getJsonObject(0);
    assertEquals("in", first.getString("direction"));
    assertEquals("INVITE sip:echo@127.0.0.1 SIP/2.0", first.getString("firstLine"));
    assertEquals("sip-1", first.getString("sipCallId"));
    assertEquals(5L, first.getLong("time"));
  }

  @Test
  void anUnknownCallIs404WithAJsonError() throws Exception {
    HttpResponse<String> res = get("nope", TOKEN);
    assertEquals(404, res.statusCode());
    assertTrue(new JsonObject(res.body()).getString("error").contains("nope"), res.body());
  }

  @Test
  void withoutTheTokenIs401() throws Exception {
    assertEquals(401, get("call-1", null).statusCode());
    assertEquals(401, get("call-1", "wrong").statusCode());
  }
}
