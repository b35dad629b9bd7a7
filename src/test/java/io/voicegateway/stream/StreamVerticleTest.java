package io.voicegateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.BusCodecs;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.bus.PlaybackCommands;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.codec.CodecType;
import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.StreamingConfig;
import io.voicegateway.media.AudioFeed;
import io.voicegateway.media.ArrivalTap;
import io.voicegateway.media.codec.G711;
import io.voicegateway.testing.FakeClock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stream against a real WebSocket consumer (a Vert.x server) and the bus contracts faked: the Twilio messages
 * both ways, the back channel, and each fault ending as configured.
 */
class StreamVerticleTest {
  private static final String CALL = "c0ffee00-0000-4000-8000-000000000001";
  private static final String LEG = "1e900000-0000-4000-8000-000000000002";

  private Vertx vertx;
  private FakeConsumer consumer;
  private FakeMediaSide media;
  private final FakeClock clock = new FakeClock();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private ArrivalTap arrival;
  private int frame;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    BusCodecs.registerAll(vertx);
    consumer = new FakeConsumer(vertx);
    media = new FakeMediaSide(vertx, StreamIds.streamSid(CALL, "bot"));
  }

  @AfterEach
  void tearDown() throws Exception {
    consumer.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private void deploy(String streamYaml) throws Exception {
    // The media side's arrival tap, as it feeds the stream's inbound track in the stream's encoding.
    boolean l16 = streamYaml.contains("l16/16000");
    String inbound = "vg.stream." + StreamIds.streamSid(CALL, "bot") + ".inbound";
    arrival = new AudioFeed(CALL, l16 ? 16000 : 8000,
        (bytes, length) -> vertx.eventBus().publish(inbound, Buffer.buffer().appendBytes(bytes, 0, length)),
        clock::millis).arrivalTapFor(LEG, !l16);
    StreamingConfig config = ConfigLoader.parse("streaming:\n  bot: " + streamYaml + "\n", Map.of()).streaming();
    StreamMetrics counting = new StreamMetrics() {
      @Override
      public void connected() {}

      @Override
      public void failed() {
        failed.incrementAndGet();
      }

      @Override
      public void framesSent(long frames) {}

      @Override
      public void framesReceived(long frames) {}

      @Override
      public void framesDropped(long frames) {
        dropped.addAndGet(frames);
      }

      @Override
      public void inboundLatency(double ms) {}
    };
    vertx.deployVerticle(new StreamVerticle(config, counting, clock::millis))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private String url() {
    return "ws://127.0.0.1:" + consumer.port() + "/media";
  }

  private void event(CallEventType type, String digit, String reason) {
    vertx.eventBus().publish(Addresses.CALL_EVENTS, new CallEvent(type, CALL, CallDirection.INBOUND, "+4930111",
        "+4930222", "sip-call-id", Map.of("X-Tenant", "acme"), clock.millis(), digit, digit == null ? 0 : 100, reason));
  }

  /** One 20 ms PCMU packet of a 440 Hz tone from the caller, as it arrives. */
  private void say() {
    byte[] payload = new byte[160];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = G711.ulawEncode((short) (6000 * Math.sin(2 * Math.PI * 440 * (frame * 160 + i) / 8000.0)));
    }
    clock.advance(java.time.Duration.ofMillis(20));
    arrival.onPacket(CodecType.PCMU, 0x1234, frame++ & 0xffff, payload, 0, payload.length, true);
  }

  @Test
  void speaksTwilioMediaStreamsBothWays() throws Exception {
    deploy("{url: '" + url() + "', headers: {Authorization: Bearer t0k}, custom_parameters: {tenant: x, lang: de},"
        + " tracks: both}");
    event(CallEventType.AUDIO_STARTED, null, "stream:bot");
    FakeConsumer.Connection c = consumer.accepted();
    assertEquals("Bearer t0k", c.authorization());
    assertEquals("connected", c.next().getString("event"));
    JsonObject start = c.next();
    assertEquals("start", start.getString("event"));
    assertEquals("1", start.getValue("sequenceNumber"));
    String sid = start.getString("streamSid");
    JsonObject body = start.getJsonObject("start");
    assertEquals(CALL, body.getString("callSid"));
    assertEquals(new JsonArray().add("inbound").add("outbound"), body.getJsonArray("tracks"));
    assertEquals(new JsonObject().put("tenant", "x").put("lang", "de").put("From", "+4930111").put("To", "+4930222")
        .put("X-Tenant", "acme"), body.getJsonObject("customParameters"));
    assertEquals(new JsonObject().put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1),
        body.getJsonObject("mediaFormat"));
    // Asked for at once, before the socket opens: the call's first leg, no call-wide feed.
    MediaCommands.StreamStart inbound = media.next(MediaCommands.StreamStart.class);
    assertEquals(new MediaCommands.StreamStart(CALL, "vg.stream." + sid + ".inbound", null, 8000, "arrival-mulaw"),
        inbound, "the caller's packets as they arrive, in mu-law");
    MediaCommands.StreamStart outbound = media.next(MediaCommands.StreamStart.class);
    assertEquals(new MediaCommands.StreamStart(CALL, "vg.stream." + sid + ".outbound", null, 8000, "outbound"),
        outbound, "what the call's first leg hears");
    PlaybackCommands.Open open = media.next(PlaybackCommands.Open.class);
    assertEquals(new PlaybackCommands.Open(CALL, sid, 8000, StreamSession.PLAYBACK_QUEUE_MS), open);

    say();
    say();
    JsonObject first = c.next();
    assertEquals("media", first.getString("event"));
    assertEquals("2", first.getValue("sequenceNumber"));
    assertEquals(sid, first.getString("streamSid"));
    assertEquals("inbound", first.getJsonObject("media").getString("track"));
    assertEquals("1", first.getJsonObject("media").getValue("chunk"));
    assertEquals("0", first.getJsonObject("media").getValue("timestamp"));
    byte[] firstPayload = Base64.getDecoder().decode(first.getJsonObject("media").getString("payload"));
    assertEquals(160, firstPayload.length);
    assertEquals(G711.ulawEncode((short) 0), firstPayload[0], "the caller's PCMU bytes as they came");
    JsonObject second = c.next();
    assertEquals("20", second.getJsonObject("media").getValue("timestamp"));

    Buffer heard = Buffer.buffer();
    new AudioFeed(CALL, 8000, (b, n) -> heard.appendBytes(b, 0, n), clock::millis).tapFor(LEG)
        .onAudio(LEG, new short[160], 160);
    vertx.eventBus().publish(outbound.address(), heard);
    JsonObject out = c.next();
    assertEquals("outbound", out.getJsonObject("media").getString("track"));
    assertEquals("1", out.getJsonObject("media").getValue("chunk"));

    byte[] ulaw = new byte[160];
    java.util.Arrays.fill(ulaw, G711.ulawEncode((short) 1234));
    c.send(new JsonObject().put("event", "media").put("streamSid", sid)
        .put("media", new JsonObject().put("payload", Base64.getEncoder().encodeToString(ulaw))));
    c.send(new JsonObject().put("event", "mark").put("streamSid", sid).put("mark", new JsonObject().put("name", "m1")));
    assertEquals(new PlaybackCommands.Mark(sid, "m1"), media.next(PlaybackCommands.Mark.class));
    assertEquals(1, media.audio.size());
    Buffer pcm = media.audio.get(0);
    assertEquals(320, pcm.length(), "PCM16 at 8 kHz for the playback");
    assertEquals(G711.ulawDecode(ulaw[0]), pcm.getShortLE(0));

    vertx.eventBus().publish(Addresses.PLAYBACK_EVENTS, new PlaybackCommands.MarkPlayed(CALL, sid, "m1"));
    JsonObject mark = c.nextControl();
    assertEquals("mark", mark.getString("event"));
    assertEquals("m1", mark.getJsonObject("mark").getString("name"));

    c.send(new JsonObject().put("event", "mark").put("streamSid", sid).put("mark", new JsonObject().put("name", "m2")));
    c.send(new JsonObject().put("event", "mark").put("streamSid", sid).put("mark", new JsonObject().put("name", "m3")));
    c.send(new JsonObject().put("event", "clear").put("streamSid", sid));
    media.next(PlaybackCommands.Clear.class);
    assertEquals("m2", c.nextControl().getJsonObject("mark").getString("name"));
    assertEquals("m3", c.nextControl().getJsonObject("mark").getString("name"));

    event(CallEventType.DTMF_RECEIVED, "7", null);
    JsonObject dtmf = c.nextControl();
    assertEquals(new JsonObject().put("track", "inbound_track").put("digit", "7"), dtmf.getJsonObject("dtmf"));

    event(CallEventType.CALL_TERMINATED, null, "remote BYE");
    JsonObject stop = c.nextControl();
    assertEquals("stop", stop.getString("event"));
    assertEquals(CALL, stop.getJsonObject("stop").getString("callSid"));
    assertEquals(new MediaCommands.StreamStop(CALL, inbound.address()), media.next(MediaCommands.StreamStop.class));
    assertEquals(new MediaCommands.StreamStop(CALL, outbound.address()), media.next(MediaCommands.StreamStop.class));
  }

  @Test
  void anUnreachableConsumerHangsTheCallUp() throws Exception {
    int closedPort = consumer.port();
    consumer.close();
    deploy("{url: 'ws://127.0.0.1:" + closedPort + "/', reconnect_attempts: 1}");
    event(CallEventType.AUDIO_STARTED, null, "stream:bot");
    SipCommands.Hangup hangup = media.next(SipCommands.Hangup.class);
    assertEquals(CALL, hangup.callId());
    assertTrue(hangup.reason().startsWith("stream bot: cannot connect"), hangup.reason());
    assertEquals(2, failed.get(), "the first attempt and the reconnection");
  }

  @Test
  void aConsumerThatNeverAnswersTheHandshakeTimesOut() throws Exception {
    NetServer silent = vertx.createNetServer().connectHandler(socket -> { })
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    deploy("{url: 'ws://127.0.0.1:" + silent.actualPort() + "/', connect_timeout: 300ms}");
    event(CallEventType.AUDIO_STARTED, null, "stream:bot");
    SipCommands.Hangup hangup = media.next(SipCommands.Hangup.class);
    assertTrue(hangup.reason().contains("cannot connect"), hangup.reason());
  }

  @Test
  void aConsumerClosingMidCallIsReconnectedThenLetGoAsConfigured() throws Exception {
    deploy("{url: '" + url() + "', reconnect_attempts: 1, on_disconnect: continue}");
    event(CallEventType.AUDIO_STARTED, null, "stream:bot");
    FakeConsumer.Connection first = consumer.accepted();
    assertEquals("connected", first.next().getString("event"));
    String sid = first.next().getString("streamSid");
    first.socket().close();
    FakeConsumer.Connection second = consumer.accepted();
    assertEquals("connected", second.next().getString("event"));
    JsonObject start = second.next();
    assertEquals(sid, start.getString("streamSid"), "a reconnection keeps the stream");
    assertEquals("1", start.getValue("sequenceNumber"));
    second.socket().close();
    assertEquals(new SipCommands.Stream(CALL, false), media.next(SipCommands.Stream.class),
        "continue: the feed stops, the call goes on");
    assertEquals(new PlaybackCommands.Close(sid), media.next(PlaybackCommands.Close.class));
  }

  @Test
  void aConsumerThatStopsReadingLosesTheOldestAudioThenTheCall() throws Exception {
    deploy("{url: '" + url() + "', encoding: l16/16000, max_queued: 100ms}");
    event(CallEventType.AUDIO_STARTED, null, "stream:bot");
    FakeConsumer.Connection c = consumer.accepted();
    c.next();
    c.next();
    c.socket().pause();
    SipCommands.Hangup hangup = null;
    for (int burst = 0; burst < 2000 && hangup == null; burst++) {
      for (int i = 0; i < 50; i++) {
        say();
      }
      Object command = media.commands.poll(5, TimeUnit.MILLISECONDS);
      if (command instanceof SipCommands.Hangup h) {
        hangup = h;
      }
    }
    assertNotNull(hangup, "the stalled consumer ended the call");
    assertTrue(hangup.reason().contains("stopped reading"), hangup.reason());
    assertTrue(dropped.get() >= 5, "dropped " + dropped.get());
  }
}
