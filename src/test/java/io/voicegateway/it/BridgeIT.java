package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.media.FeedFrame;
import io.voicegateway.media.codec.G711;
import io.voicegateway.media.dtmf.PcapReader;
import io.voicegateway.it.support.GatewayUnderTest;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.it.support.TcpBridgeClient;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.Tools;
import io.voicegateway.testing.Wav;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event-bus bridges as an external consumer uses them. Over the TCP bridge a consumer sees a SIPp call
 * (X- headers on the INVITE, 8 s of PCMA speech from SIPp's pcap) from CALL_STARTED to CALL_TERMINATED,
 * turns on the call's audio feed with the stream command, writes the feed to a WAV file, and that WAV must
 * match the speech the caller sent. The permissions and the token are checked too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeIT {
  private static final String TOKEN = "test-token";
  private static final int COMPARE_RATE = 8000;
  private static final Path SIPP_SPEECH = Path.of("/usr/share/sip-tester/g711a.pcap");

  @TempDir Path dir;
  private GatewayFixture gw;

  @BeforeAll
  void start() throws Exception {
    gw = GatewayFixture.start("", String.join("\n",
        "routes:",
        "  - {direction: inbound, match: echo, app: echo, from: any}",
        "  - {direction: inbound, match: asr, stream: asr, from: any}"));
  }

  @AfterAll
  void stop() throws Exception {
    gw.close();
  }

  @Test
  void aTcpConsumerGetsTheCallsEventsWithItsXHeadersAndItsAudio() throws Exception {
    SippRunner.requireSipp();
    Tools.requireFile(SIPP_SPEECH);
    List<JsonObject> events = new ArrayList<>();
    Map<Long, short[]> frames = new TreeMap<>();
    String callId;
    try (TcpBridgeClient client = TcpBridgeClient.connect(gw.bridgePort(), TOKEN)) {
      client.register(Addresses.CALL_EVENTS);
      assertTrue(client.ping(10), "the bridge handled the register frame (its pong came back)");
      SippRunner.Running sipp = SippRunner.scenario("uac_pcap_xheaders.xml").args("-s", "echo")
          .start(gw.target(), 1, 1, 1);

      JsonObject started = nextEvent(client, events);
      assertEquals("CALL_STARTED", started.getString("type"), "first event: " + started);
      callId = started.getString("callId");
      client.register(Addresses.audio(callId));
      String reply = client.request(Addresses.COMMAND_STREAM, new JsonObject().put("callId", callId).put("enabled", true));

      boolean streamStopped = false;
      while (!streamStopped) {
        JsonObject frame = client.next(30);
        assertNotNull(frame, "the bridge went quiet; events so far: " + events);
        String address = frame.getString("address");
        if (reply.equals(address)) {
          assertEquals(new JsonObject().put("callId", callId).put("streaming", true)
              .put("address", Addresses.audio(callId)), frame.getJsonObject("body"));
        } else if (Addresses.audio(callId).equals(address)) {
          byte[] m = Base64.getUrlDecoder().decode(frame.getString("body"));
          assertEquals(callId, FeedFrame.callId(m).toString());
          assertEquals(16000, FeedFrame.sampleRate(m));
          assertEquals(2 * 320, m.length - FeedFrame.HEADER, "20 ms at 16 kHz");
          frames.put(FeedFrame.sequence(m), FeedFrame.samples(m));
        } else if (Addresses.CALL_EVENTS.equals(address)) {
          JsonObject event = frame.getJsonObject("body");
          events.add(event);
          streamStopped = "AUDIO_STOPPED".equals(event.getString("type"))
              && "stream:call ended".equals(event.getString("reason"));
        } else {
          throw new AssertionError("unexpected frame " + frame);
        }
      }
      SippRunner.Result result = sipp.await();
      assertEquals(1, result.successful(), result.toString());
    }

    List<String> types = events.stream().map(e -> e.getString("type")).toList();
    System.out.printf("bridge: events %s, %d audio frames%n", types, frames.size());
    assertEquals("CALL_STARTED", types.get(0));
    assertTrue(types.indexOf("AUDIO_STARTED") > 0 && types.indexOf("CALL_TERMINATED") > types.indexOf("AUDIO_STARTED"),
        "AUDIO_STARTED comes before CALL_TERMINATED: " + types);
    assertTrue(types.contains("CALL_CONNECTED"), types.toString());
    assertEquals("AUDIO_STOPPED", types.get(types.size() - 1));
    for (JsonObject event : events) {
      assertEquals(callId, event.getString("callId"));
      assertEquals(new JsonObject().put("X-Customer-Id", "4711").put("X-Campaign", "spring-sale"),
          event.getJsonObject("headers"), "X- headers of " + event.getString("type"));
    }
    assertTrue(events.stream().anyMatch(e -> "AUDIO_STARTED".equals(e.getString("type"))
        && "stream".equals(e.getString("reason"))), "the feed's AUDIO_STARTED: " + events);

    // What the consumer would keep: the frames in sequence order as a WAV file, read back for the check.
    Path wav = dir.resolve("call.wav");
    new Wav(16000, 1, concat(frames)).write(wav);
    Wav heard = Wav.read(wav);
    assertTrue(heard.seconds() >= 6, "most of the 8 s of speech was fed: " + heard.seconds() + " s");
    short[] sent = sentSpeech();
    // The feed may start a few frames after the caller's first packet: give the WAV a second of lead.
    short[] received = padFront(AudioMatch.resample(heard.samples(), 16000, COMPARE_RATE), COMPARE_RATE);
    AudioMatch.Result match = AudioMatch.align(sent, received, COMPARE_RATE, 500, 1500);
    System.out.printf("bridge feed vs sent PCMA: %s%n", match);
    assertTrue(match.windows().size() >= 8, "too little speech to compare: " + match);
    assertTrue(match.medianCorrelation() >= 0.9, match.toString());

    // Per-call feed addresses must not become per-call meters (the event-bus metrics carry no address label).
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + gw.gateway().httpPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertFalse(metrics.contains(callId), "a meter names the call's feed address");
  }

  @Test
  void theDocumentedPythonConsumerWritesTheCallsAudioToAWavFile() throws Exception {
    SippRunner.requireSipp();
    Tools.requireFile(SIPP_SPEECH);
    Path python = Tools.require("python3");
    Path wav = dir.resolve("example.wav");
    Path log = dir.resolve("consumer.log");
    double handlersBefore = eventBusHandlers();
    Process consumer = new ProcessBuilder(python.toString(), Path.of("docs/event-bus-consumer.py").toAbsolutePath()
        .toString(), "--port", String.valueOf(gw.bridgePort()), "--token", TOKEN, "--out", wav.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      // "waiting for calls" follows the register frame's send; the bridge's consumer for it is one more
      // event-bus handler (the metric has no address label, and no other consumer comes or goes meanwhile).
      assertTrue(GatewayUnderTest.eventually(30, () -> consumer.isAlive() && logText(log).contains("waiting for calls")
          && eventBusHandlers() > handlersBefore), "the example registered:\n" + logText(log));
      SippRunner.Result result = SippRunner.scenario("uac_pcap_xheaders.xml").args("-s", "echo")
          .run(gw.target(), 1, 1, 1);
      assertEquals(1, result.successful(), result.toString());
      assertTrue(consumer.waitFor(20, TimeUnit.SECONDS), "the example did not exit: " + Files.readString(log));
    } finally {
      consumer.destroyForcibly();
    }
    String printed = Files.readString(log);
    System.out.printf("example consumer printed:%n%s%n", printed);
    assertEquals(0, consumer.exitValue(), printed);
    assertTrue(printed.contains("CALL_STARTED") && printed.contains("CALL_TERMINATED")
        && printed.contains("'X-Customer-Id': '4711'"), printed);
    short[] heard = AudioMatch.resample(Wav.read(wav).samples(), 16000, COMPARE_RATE);
    AudioMatch.Result match = AudioMatch.align(sentSpeech(), padFront(heard, COMPARE_RATE), COMPARE_RATE, 500, 1500);
    System.out.printf("example consumer's WAV vs sent PCMA: %s%n", match);
    assertTrue(match.windows().size() >= 8 && match.medianCorrelation() >= 0.9, match.toString());
  }

  @Test
  void aStreamRouteAnswersTheCallAndFeedsItsAudio() throws Exception {
    SippRunner.requireSipp();
    Tools.requireFile(SIPP_SPEECH);
    io.vertx.core.Vertx vertx = gw.gateway().vertx();
    java.util.concurrent.CompletableFuture<String> started = new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.atomic.AtomicInteger frames = new java.util.concurrent.atomic.AtomicInteger();
    var events = vertx.eventBus().<io.voicegateway.bus.CallEvent>consumer(Addresses.CALL_EVENTS, msg -> {
      if (msg.body().type() == io.voicegateway.bus.CallEventType.AUDIO_STARTED
          && "stream:asr".equals(msg.body().reason())) {
        vertx.eventBus().consumer(Addresses.audio(msg.body().callId()), frame -> frames.incrementAndGet());
        started.complete(msg.body().callId());
      }
    });
    try {
      SippRunner.Result result = SippRunner.scenario("uac_pcap_xheaders.xml").args("-s", "asr")
          .run(gw.target(), 1, 1, 1);
      assertEquals(1, result.successful(), "the stream route answered: " + result);
      assertNotNull(started.get(5, java.util.concurrent.TimeUnit.SECONDS), "AUDIO_STARTED with reason stream:asr");
      System.out.printf("stream route: %d feed frames%n", frames.get());
      assertTrue(frames.get() >= 250, "about 8 s of the caller's audio was fed: " + frames.get() + " frames");
    } finally {
      events.unregister();
    }
  }

  @Test
  void theStreamCommandStopsTheFeedMidCall() throws Exception {
    SippRunner.requireSipp();
    Tools.requireFile(SIPP_SPEECH);
    List<String> types = new ArrayList<>();
    try (TcpBridgeClient client = TcpBridgeClient.connect(gw.bridgePort(), TOKEN)) {
      client.register(Addresses.CALL_EVENTS);
      assertTrue(client.ping(10), "the bridge handled the register frame (its pong came back)");
      SippRunner.Running sipp = SippRunner.scenario("uac_pcap_xheaders.xml").args("-s", "echo")
          .start(gw.target(), 1, 1, 1);
      String callId = nextEvent(client, new ArrayList<>()).getString("callId");
      client.register(Addresses.audio(callId));
      client.request(Addresses.COMMAND_STREAM, new JsonObject().put("callId", callId).put("enabled", true));
      int framesBefore = 0;
      int framesAfter = 0;
      String stopReply = null;
      boolean stopped = false;
      while (true) {
        JsonObject frame = client.next(30);
        assertNotNull(frame, "the bridge went quiet: " + types);
        String address = frame.getString("address");
        if (Addresses.audio(callId).equals(address)) {
          if (stopped) {
            framesAfter++;
          } else if (++framesBefore == 50) {
            stopReply = client.request(Addresses.COMMAND_STREAM,
                new JsonObject().put("callId", callId).put("enabled", false));
          }
        } else if (Addresses.CALL_EVENTS.equals(address)) {
          JsonObject event = frame.getJsonObject("body");
          types.add(event.getString("type") + (event.getString("reason") == null ? "" : "(" + event.getString("reason") + ")"));
          stopped |= "AUDIO_STOPPED".equals(event.getString("type")) && "stream".equals(event.getString("reason"));
          if ("CALL_TERMINATED".equals(event.getString("type"))) {
            break;
          }
        } else if (address.equals(stopReply)) {
          assertEquals(false, frame.getJsonObject("body").getBoolean("streaming"));
        }
      }
      assertEquals(1, sipp.await().successful());
      JsonObject late = client.next(2);
      System.out.printf("stream stop: events %s, %d frames before, %d after the stop%n", types, framesBefore,
          framesAfter);
      assertTrue(stopped, "AUDIO_STOPPED(stream) after the stop command: " + types);
      assertTrue(framesAfter <= 1, "at most a frame in flight after AUDIO_STOPPED: " + framesAfter);
      assertEquals(null, late, "no AUDIO_STOPPED at the call's end once the feed was stopped");
    }
  }

  @Test
  void onlyTheDocumentedAddressesAndOnlyWithTheToken() throws Exception {
    try (TcpBridgeClient client = TcpBridgeClient.connect(gw.bridgePort(), TOKEN)) {
      client.request(Addresses.SIP_HANGUP, new JsonObject().put("callId", "x"));
      assertDenied(client.next(10), "send to an internal address");
      client.register(Addresses.MEDIA_LEG_OPEN);
      assertDenied(client.next(10), "register on an internal address");
      client.publish(Addresses.CALL_EVENTS, new JsonObject().put("type", "CALL_STARTED"));
      assertDenied(client.next(10), "publish a call event");

      String reply = client.request(Addresses.COMMAND_STREAM, new JsonObject().put("callId", "no-such-call")
          .put("enabled", true));
      JsonObject answer = client.next(10);
      assertEquals("err", answer.getString("type"), answer.encode());
      assertEquals(reply, answer.getString("address"));
      assertEquals(404, answer.getInteger("failureCode"), answer.encode());
      client.request(Addresses.COMMAND_HANGUP, "not an object");
      assertEquals(400, client.next(10).getInteger("failureCode"));
    }
    try (TcpBridgeClient anonymous = TcpBridgeClient.connect(gw.bridgePort(), null);
        TcpBridgeClient wrong = TcpBridgeClient.connect(gw.bridgePort(), "guess")) {
      anonymous.register(Addresses.CALL_EVENTS);
      assertDenied(anonymous.next(10), "register without the token");
      wrong.request(Addresses.COMMAND_HANGUP, new JsonObject().put("callId", "x"));
      assertDenied(wrong.next(10), "send with a wrong token");
    }
  }

  @Test
  void theSockJsBridgeTakesTheApiToken() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + gw.gateway().httpPort() + "/eventbus/info";
    HttpResponse<String> without = http.send(HttpRequest.newBuilder(URI.create(base)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(401, without.statusCode(), without.body());
    HttpResponse<String> with = http.send(HttpRequest.newBuilder(URI.create(base))
        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, with.statusCode(), with.body());
    assertTrue(new JsonObject(with.body()).containsKey("websocket"), with.body());
    HttpResponse<String> query = http.send(HttpRequest.newBuilder(URI.create(base + "?token=" + TOKEN)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, query.statusCode(), query.body());
  }

  @Test
  void aSockJsClientGetsCallEventsInTheirJsonFormAndTheSamePermissions() throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .header("Authorization", "Bearer " + TOKEN)
        .buildAsync(URI.create("ws://127.0.0.1:" + gw.gateway().httpPort() + "/eventbus/websocket"),
            new WebSocket.Listener() {
              private final StringBuilder text = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                  received.add(text.toString());
                  text.setLength(0);
                }
                socket.request(1);
                return null;
              }

              @Override
              public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
                return onText(socket, StandardCharsets.UTF_8.decode(data), last); // the raw transport sends binary
              }
            })
        .get(10, TimeUnit.SECONDS);
    ws.sendText(new JsonObject().put("type", "register").put("address", Addresses.CALL_EVENTS).encode(), true).get();
    CallEvent event = new CallEvent(CallEventType.CALL_RINGING, "sockjs-call", CallDirection.INBOUND, "sip:a@example.com",
        "sip:b@example.com", "sip-call-1", Map.of("X-Test", "1"), 42, null, 0, null);
    String text = null;
    for (int i = 0; i < 50 && text == null; i++) { // registering is asynchronous: publish until it is in place
      gw.gateway().vertx().eventBus().publish(Addresses.CALL_EVENTS, event);
      text = received.poll(100, TimeUnit.MILLISECONDS);
    }
    assertNotNull(text, "no call event over SockJS");
    JsonObject frame = new JsonObject(text);
    assertEquals("rec", frame.getString("type"), text);
    assertEquals(event.toJson(), frame.getJsonObject("body"), "the documented JSON form");

    ws.sendText(new JsonObject().put("type", "send").put("address", Addresses.SIP_HANGUP).put("replyAddress", "r")
        .put("body", new JsonObject().put("callId", "sockjs-call")).encode(), true).get();
    String denied;
    do {
      denied = received.poll(10, TimeUnit.SECONDS);
      assertNotNull(denied, "no answer to a send to an internal address");
    } while (denied.contains("\"rec\""));
    assertTrue(denied.contains("access_denied"), denied);
    ws.abort();
  }

  /** The gateway's event-bus consumers, all addresses together (vertx_eventbus_handlers). */
  private double eventBusHandlers() {
    try {
      String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + gw.gateway().httpPort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^vertx_eventbus_handlers(?:\\{[^}]*})? (\\S+)$")
          .matcher(metrics);
      if (!m.find()) {
        throw new AssertionError("no vertx_eventbus_handlers in /metrics");
      }
      return Double.parseDouble(m.group(1));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String logText(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonObject nextEvent(TcpBridgeClient client, List<JsonObject> events) throws InterruptedException {
    JsonObject frame = client.next(30);
    assertNotNull(frame, "no call event within 30 s");
    assertEquals(Addresses.CALL_EVENTS, frame.getString("address"), frame.encode());
    events.add(frame.getJsonObject("body"));
    return frame.getJsonObject("body");
  }

  /** The permissions answer access_denied; the token check, as a bridge event handler, "blocked by …". */
  private static void assertDenied(JsonObject frame, String what) {
    assertNotNull(frame, what + ": no answer");
    String expected = what.contains("token") ? "blocked by bridgeEvent handler" : "access_denied";
    assertEquals(new JsonObject().put("type", "err").put("message", expected), frame, what);
  }

  /** The PCMA payloads of SIPp's pcap in sequence order, decoded: what the caller sent. */
  private static short[] sentSpeech() throws Exception {
    List<byte[]> rtp = new ArrayList<>();
    for (PcapReader.Datagram d : PcapReader.udp(SIPP_SPEECH)) {
      byte[] p = d.payload();
      if (p.length > 12 && (p[0] & 0xc0) == 0x80 && (p[1] & 0x7f) == 8) {
        rtp.add(p);
      }
    }
    rtp.sort(Comparator.comparingInt(p -> (p[2] & 0xff) << 8 | (p[3] & 0xff)));
    short[] pcm = new short[rtp.stream().mapToInt(p -> p.length - 12).sum()];
    int at = 0;
    for (byte[] p : rtp) {
      for (int i = 12; i < p.length; i++) {
        pcm[at++] = G711.alawDecode(p[i]);
      }
    }
    return pcm;
  }

  private static short[] concat(Map<Long, short[]> frames) {
    short[] out = new short[frames.values().stream().mapToInt(f -> f.length).sum()];
    int at = 0;
    for (short[] f : frames.values()) {
      System.arraycopy(f, 0, out, at, f.length);
      at += f.length;
    }
    return out;
  }

  private static short[] padFront(short[] pcm, int samples) {
    short[] out = new short[pcm.length + samples];
    System.arraycopy(pcm, 0, out, samples, pcm.length);
    return out;
  }
}
