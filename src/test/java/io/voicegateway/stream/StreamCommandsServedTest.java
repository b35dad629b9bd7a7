package io.voicegateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.PlaybackCommands;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.bus.StreamCommands;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.StreamingConfig;
import io.voicegateway.media.AudioFeed;
import io.voicegateway.media.ArrivalTap;
import io.voicegateway.codec.CodecType;
import io.voicegateway.testing.FakeClock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code vg.stream.start/stop/query} served by the stream verticle against real WebSocket consumers (a Vert.x server)
 * and the media and SIP sides faked: named streams beside a route's, each its own streamSid and socket, and every
 * refusal with its status.
 */
class StreamCommandsServedTest {
  private static final String CALL = "c0ffee00-0000-4000-8000-000000000009";
  private static final String LEG = "1e900000-0000-4000-8000-00000000000a";

  private Vertx vertx;
  private FakeConsumer consumer;
  private FakeMediaSide media;
  private final FakeClock clock = new FakeClock();
  private int packet;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    BusCodecs.registerAll(vertx);
    consumer = new FakeConsumer(vertx);
    media = new FakeMediaSide(vertx, StreamIds.streamSid(CALL, "asr"));
  }

  @AfterEach
  void tearDown() throws Exception {
    consumer.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private void deploy(String streamingYaml) throws Exception {
    StreamingConfig config = ConfigLoader.parse(streamingYaml, Map.of()).streaming();
    vertx.deployVerticle(new StreamVerticle(config, StreamMetrics.NONE, clock::millis))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private String url() {
    return "ws://127.0.0.1:" + consumer.port() + "/media";
  }

  /** One 20 ms PCMU packet from the caller, as the media side's arrival tap feeds it to stream {@code name}. */
  private void say(String name) {
    String inbound = "vg.stream." + StreamIds.streamSid(CALL, name) + ".inbound";
    ArrivalTap arrival = new AudioFeed(CALL, 8000, (bytes, length) -> vertx.eventBus().publish(inbound,
        Buffer.buffer().appendBytes(bytes, 0, length)), clock::millis).arrivalTapFor(LEG, true);
    arrival.onPacket(CodecType.PCMU, 0x1234, packet++ & 0xffff, new byte[160], 0, 160, true);
  }

  private void event(CallEventType type, String reason) {
    vertx.eventBus().publish(Addresses.CALL_EVENTS, new CallEvent(type, CALL, CallDirection.INBOUND,
        "\"Al\" <sip:+4930111@carrier;user=phone>", "sip:+4930100@gw", "sip-call-id", Map.of("X-Tenant", "acme"),
        clock.millis(), null, 0, reason));
  }

  private <T> T ask(String address, Object body) throws Exception {
    return vertx.eventBus().<T>request(address, body).map(m -> m.body())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private int refusal(String address, Object body) throws Exception {
    Future<Object> answer = vertx.eventBus().request(address, body).map(m -> m.body());
    try {
      answer.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      throw new AssertionError("accepted: " + answer.result());
    } catch (ExecutionException e) {
      return assertInstanceOf(ReplyException.class, e.getCause()).failureCode();
    }
  }

  @Test
  void aRequestedStreamRunsBesideTheRoutesAndStopsWhileTheCallGoesOn() throws Exception {
    deploy("streaming:\n  bot: {url: '" + url() + "', bidirectional: false}\n"
        + "  asr: {url: '" + url() + "', custom_parameters: {lang: en, tenant: spoofed}}\n");
    event(CallEventType.CALL_STARTED, null);
    event(CallEventType.AUDIO_STARTED, "stream:bot");
    FakeConsumer.Connection bot = consumer.accepted();
    assertEquals("connected", bot.next().getString("event"));
    String botSid = bot.next().getString("streamSid");

    Future<Object> started = vertx.eventBus().request(Addresses.STREAM_START,
        new StreamCommands.Start(CALL, "asr", Map.of("lang", "de", "X-Tenant", "spoofed"))).map(m -> m.body());
    FakeConsumer.Connection asr = consumer.accepted();
    assertEquals("connected", asr.next().getString("event"));
    JsonObject start = asr.next();
    String asrSid = start.getString("streamSid");
    assertEquals(StreamIds.streamSid(CALL, "asr"), asrSid);
    assertTrue(!asrSid.equals(botSid), "each stream its own sid");
    assertEquals(new JsonObject().put("lang", "de").put("tenant", "spoofed").put("X-Tenant", "acme")
        .put("From", "+4930111").put("FromUri", "\"Al\" <sip:+4930111@carrier;user=phone>")
        .put("To", "+4930100").put("ToUri", "sip:+4930100@gw"),
        sorted(start.getJsonObject("start").getJsonObject("customParameters")));
    assertEquals(new StreamCommands.Started(CALL, "asr", asrSid),
        started.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    assertEquals(new StreamCommands.Streams(CALL, List.of(new StreamCommands.Started(CALL, "bot", botSid),
        new StreamCommands.Started(CALL, "asr", asrSid))), ask(Addresses.STREAM_QUERY, new StreamCommands.Query(CALL)));

    say("bot");
    say("asr");
    assertEquals("media", bot.next().getString("event"));
    assertEquals("media", asr.next().getString("event"));

    assertEquals(409, refusal(Addresses.STREAM_START, new StreamCommands.Start(CALL, "asr", Map.of())));
    assertEquals(new StreamCommands.Stop(CALL, asrSid), ask(Addresses.STREAM_STOP, new StreamCommands.Stop(CALL, asrSid)));
    assertEquals("stop", asr.nextControl().getString("event"));
    assertEquals(new PlaybackCommands.Close(asrSid), media.next(PlaybackCommands.Close.class));
    assertEquals(new StreamCommands.Streams(CALL, List.of(new StreamCommands.Started(CALL, "bot", botSid))),
        ask(Addresses.STREAM_QUERY, new StreamCommands.Query(CALL)));
    assertEquals(404, refusal(Addresses.STREAM_STOP, new StreamCommands.Stop(CALL, asrSid)));
    say("bot");
    assertEquals("media", bot.next().getString("event"), "the route's stream goes on");
    assertTrue(media.commands.stream().noneMatch(c -> c instanceof SipCommands.Hangup), "the call goes on");
  }

  @Test
  void refusalsCarryTheirStatus() throws Exception {
    deploy("streaming:\n  down: {url: 'ws://127.0.0.1:" + closedPort() + "/', reconnect_attempts: 2}\n"
        + "  bot: {url: '" + url() + "'}\n");
    assertEquals(404, refusal(Addresses.STREAM_START, new StreamCommands.Start(CALL, "bot", Map.of())));
    assertEquals(404, refusal(Addresses.STREAM_QUERY, new StreamCommands.Query(CALL)));
    event(CallEventType.CALL_CONNECTED, null);
    assertEquals(new StreamCommands.Streams(CALL, List.of()), ask(Addresses.STREAM_QUERY, new StreamCommands.Query(CALL)));
    assertEquals(400, refusal(Addresses.STREAM_START, new StreamCommands.Start(CALL, "nope", Map.of())));
    assertEquals(400, refusal(Addresses.STREAM_START, "not a command"));
    assertEquals(502, refusal(Addresses.STREAM_START, new StreamCommands.Start(CALL, "down", Map.of())),
        "an unreachable consumer fails the request at once, without its reconnects");
    assertEquals(404, refusal(Addresses.STREAM_STOP, new StreamCommands.Stop(CALL, "MZnone")));
    assertTrue(media.commands.stream().noneMatch(c -> c instanceof SipCommands.Hangup
        || c.equals(new SipCommands.Stream(CALL, false))), "the call and its feed go on: " + media.commands);
  }

  @Test
  void withoutStreamsConfiguredTheAnswerIs503() throws Exception {
    deploy("streaming: {}\n");
    event(CallEventType.CALL_CONNECTED, null);
    assertEquals(503, refusal(Addresses.STREAM_START, new StreamCommands.Start(CALL, "bot", Map.of())));
  }

  @Test
  void aBridgeClientSendsJsonAndGetsJson() throws Exception {
    deploy("streaming:\n  asr: {url: '" + url() + "', bidirectional: false}\n");
    event(CallEventType.CALL_CONNECTED, null);
    Future<Object> started = vertx.eventBus().request(Addresses.STREAM_START, new JsonObject().put("callId", CALL)
        .put("name", "asr").put("customParameters", new JsonObject().put("k", "v"))).map(m -> m.body());
    FakeConsumer.Connection asr = consumer.accepted();
    asr.next();
    assertEquals("v", asr.next().getJsonObject("start").getJsonObject("customParameters").getString("k"));
    String sid = StreamIds.streamSid(CALL, "asr");
    assertEquals(new JsonObject().put("callId", CALL).put("name", "asr").put("streamSid", sid),
        started.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
    JsonObject list = ask(Addresses.STREAM_QUERY, new JsonObject().put("callId", CALL));
    assertEquals(sid, list.getJsonArray("streams").getJsonObject(0).getString("streamSid"));
    assertEquals(new JsonObject().put("callId", CALL).put("streamSid", sid),
        ask(Addresses.STREAM_STOP, new JsonObject().put("callId", CALL).put("streamSid", sid)));
    assertEquals("stop", asr.nextControl().getString("event"));
    assertNull(media.commands.stream().filter(c -> c instanceof SipCommands.Hangup).findAny().orElse(null));
  }

  private int closedPort() throws Exception {
    var server = vertx.createHttpServer().requestHandler(r -> { }).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    int port = server.actualPort();
    server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return port;
  }

  private static JsonObject sorted(JsonObject o) {
    return new JsonObject(new java.util.TreeMap<>(o.getMap()));
  }
}
