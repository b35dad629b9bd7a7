package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.media.rtp.PortPool;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.JsonMessages;
import io.voicegateway.webrtc.dtls.DtlsCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dashboard phone's signalling in a whole gateway, without a browser: the page's JSON on the real dashboard
 * socket, step 1 over REST, the offer answered by the real media side (a port taken), the link wiring the session
 * into a call to the echo app, the API's hang-up telling the page, and every port back once the socket closes.
 * (Chromium with real ICE, DTLS and audio: the w-page interop tests.)
 */
class BrowserSignallingIT {
  private static final String OFFER_FINGERPRINT = DtlsCertificate.generate("page").fingerprint().toSdp();

  /** Chromium's offer for one microphone track, as far as the gateway reads it. */
  private static String offer() {
    return String.join("\r\n", "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
        "a=group:BUNDLE 0", "m=audio 9 UDP/TLS/RTP/SAVPF 111 110", "c=IN IP4 0.0.0.0",
        "a=ice-ufrag:pAge", "a=ice-pwd:pagepassword0123456789ab", "a=ice-options:trickle",
        "a=fingerprint:" + OFFER_FINGERPRINT, "a=setup:actpass", "a=mid:0", "a=sendrecv", "a=rtcp-mux",
        "a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10;useinbandfec=1", "a=rtpmap:110 telephone-event/48000",
        "") + "\r\n";
  }

  private static final class Page implements WebSocket.Listener {
    final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket ws;

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(new JsonObject(partial.toString()));
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }

    void send(JsonObject message) {
      ws.sendText(message.encode(), true).join();
    }

    JsonObject next(String type) throws InterruptedException {
      return JsonMessages.next(received, type);
    }
  }

  @Test
  void thePagesStepsOverTheDashboardSocketAgainstTheRealMediaSide() throws Exception {
    try (GatewayFixture gw = GatewayFixture.start("", GatewayFixture.ALICE_AND_BOB)) {
      int port = gw.gateway().httpPort();
      ApiClient api = new ApiClient(port, "test-token");
      PortPool pool = gw.gateway().media().ports();
      int capacity = pool.available();
      Page page = new Page();
      page.ws = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/ws?token=test-token"), page)
          .get(10, TimeUnit.SECONDS);

      page.send(new JsonObject().put("type", "phone.register").put("id", 1).put("device", "alice")
          .put("password", "wonderland"));
      assertEquals(1, page.next("phone.registered").getInteger("id"));

      JsonObject pending = api.post("/api/v1/calls", "{\"from\":\"browser\",\"to\":\"echo\"}").object();
      assertEquals(Boolean.TRUE, pending.getBoolean("pending"), pending.encode());
      String callId = pending.getString("id");
      page.send(new JsonObject().put("type", "webrtc.link").put("sessionId", "early").put("callId", callId));
      assertEquals(409, page.next("error").getInteger("status"), "link before offer");

      callId = api.post("/api/v1/calls", "{\"from\":\"browser\",\"to\":\"echo\"}").object().getString("id");
      page.send(new JsonObject().put("type", "webrtc.offer").put("sessionId", "s1").put("sdp", offer()));
      String answer = page.next("webrtc.answer").getString("sdp");
      assertTrue(answer.contains("a=ice-lite") && answer.contains("a=setup:passive"), answer);
      assertEquals(capacity - 1, pool.available(), "one port for the session");

      page.send(new JsonObject().put("type", "webrtc.link").put("sessionId", "s1").put("callId", callId));
      assertEquals(callId, page.next("webrtc.linked").getString("callId"));
      JsonObject call = api.get("/api/v1/calls/" + callId).object();
      assertEquals("CONNECTED", call.getString("state"), call.encode());
      JsonArray legs = call.getJsonArray("legs");
      assertTrue(legs.stream().map(JsonObject.class::cast).anyMatch(l -> "webrtc".equals(l.getString("kind"))),
          legs.encode());

      assertEquals(204, api.delete("/api/v1/calls/" + callId).status());
      assertEquals(callId, page.next("phone.ended").getString("callId"));

      page.send(new JsonObject().put("type", "webrtc.offer").put("sessionId", "s2").put("sdp", offer()));
      page.next("webrtc.answer");
      page.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
      assertTrue(GatewayUnderTest.eventually(10, () -> pool.available() == capacity),
          "every port back once the page's socket closed: " + pool.available() + " of " + capacity);
    }
  }
}
