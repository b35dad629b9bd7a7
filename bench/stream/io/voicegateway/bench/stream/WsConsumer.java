package io.voicegateway.bench.stream;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The voice bot of the load: a Twilio Media Streams consumer that times the callers' RTP markers in the inbound
 * {@code media} it gets, and sends a marker burst as {@code media} every 0.5 s per stream (staggered), alone, as a
 * bot answering with a short sound would: the gateway's playback queue is empty before each one.
 */
final class WsConsumer implements AutoCloseable {
  private static final String PAYLOAD = "\"payload\":\"";
  private static final String CHUNK = "\"chunk\":\"";

  private final Vertx vertx = Vertx.vertx();
  private final Map<Integer, Call> calls;
  private final Tally tally;
  private final int expected;
  private final String burstBase64 = Base64.getEncoder().encodeToString(Markers.burst());
  private HttpServer server;
  private volatile boolean markersStopped;

  WsConsumer(Map<Integer, Call> calls, Tally tally, int expected) {
    this.calls = calls;
    this.tally = tally;
    this.expected = expected;
  }

  void listen(int port) throws Exception {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
        .webSocketHandler(this::accepted);
    server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void accepted(ServerWebSocket ws) {
    Call[] call = {null};
    long[] timer = {-1};
    byte[] decoded = new byte[4096];
    ws.textMessageHandler(text -> {
      long now = System.nanoTime();
      if (text.startsWith("{\"event\":\"media\"")) {
        media(call[0], text, decoded, now);
        return;
      }
      JsonObject msg = new JsonObject(text);
      switch (msg.getString("event", "")) {
        case "start" -> {
          JsonObject start = msg.getJsonObject("start");
          Call c = calls.get(Integer.valueOf(start.getJsonObject("customParameters").getString("X-Bench-Call")));
          call[0] = c;
          tally.wsConnected.increment();
          String media = new JsonObject().put("event", "media").put("streamSid", start.getString("streamSid"))
              .put("media", new JsonObject().put("payload", burstBase64)).encode();
          long phase = 500L * c.index / Math.max(1, expected);
          timer[0] = vertx.setPeriodic(500 + phase, 500, id -> {
            if (markersStopped) {
              return;
            }
            long sent = System.nanoTime();
            c.lastWsMarkerNs = sent;
            ws.writeTextMessage(media);
            tally.wsMediaSent.increment();
            if (tally.inWindow(sent)) {
              tally.outboundMarkersSent.increment();
            }
          });
        }
        case "stop" -> tally.wsStops.increment();
        default -> { }
      }
    });
    ws.closeHandler(v -> vertx.cancelTimer(timer[0]));
  }

  /** Before the hang-up: a marker sent as the stream ends would be counted as sent but never played. */
  void stopMarkers() {
    markersStopped = true;
  }

  private void media(Call call, String text, byte[] decoded, long now) {
    if (call == null || !text.contains("\"track\":\"inbound\"")) {
      return;
    }
    tally.wsMediaReceived.increment();
    int c = text.indexOf(CHUNK) + CHUNK.length();
    long chunk = Long.parseLong(text, c, text.indexOf('"', c), 10);
    if (call.lastChunk != 0 && chunk != call.lastChunk + 1) {
      tally.wsChunkGaps.add(Math.max(0, chunk - call.lastChunk - 1));
    }
    call.lastChunk = chunk;
    int p = text.indexOf(PAYLOAD) + PAYLOAD.length();
    int length = Base64.getDecoder().decode(text.substring(p, text.indexOf('"', p)).getBytes(), decoded);
    if (call.wsOnsets.feed(decoded, 0, length) >= 0) {
      call.wsMatchedNs = tally.onset(tally.inbound, call.lastRtpMarkerNs, now, call.wsMatchedNs);
    }
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
