package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.core.eventbus.MessageConsumer;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.it.peers.Baresip;
import io.voicegateway.it.peers.TwilioBot;
import io.voicegateway.it.support.SippRunner;
import io.voicegateway.media.codec.G711;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls to a {@code stream:} route reach a Twilio-Media-Streams voice bot written on Node's {@code ws}: a real caller
 * (baresip, SIPp) and a real WebSocket consumer, the audio compared with what was sent.
 */
class StreamIT {
  private static final int RATE = 8000;

  @TempDir Path dir;

  private static String sections(TwilioBot bot, String streamExtra) {
    return String.join("\n",
        "routes:",
        "  - {direction: inbound, match: bot, stream: bot, from: any}",
        "  - {direction: inbound, match: echo, app: echo, from: any}",
        "streaming:",
        "  bot: {url: '" + bot.url() + "', headers: {Authorization: Bearer it}, custom_parameters: {tenant: it}"
            + streamExtra + "}");
  }

  private static byte[] mulaw(Path wav) throws Exception {
    short[] pcm = AudioMatch.read(wav, RATE);
    byte[] out = new byte[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      out[i] = G711.ulawEncode(pcm[i]);
    }
    return out;
  }

  private static short[] linear(byte[] ulaw) {
    short[] out = new short[ulaw.length];
    for (int i = 0; i < ulaw.length; i++) {
      out[i] = G711.ulawDecode(ulaw[i]);
    }
    return out;
  }

  /** The caller's side: the speech, then {@code quietSeconds} of listening (the call ends with the file). */
  private Path callerSaysThenListens(int quietSeconds) throws Exception {
    Path out = dir.resolve("caller-" + quietSeconds + ".wav");
    Tools.run("sox", SpeechFixture.speech(dir, RATE).toString(), out.toString(), "pad", "0", "" + quietSeconds);
    return out;
  }

  /** A steady 440 Hz tone of {@code ms} as μ-law: its end in a recording is sharp. */
  private static byte[] tone(int ms) {
    byte[] out = new byte[RATE * ms / 1000];
    for (int i = 0; i < out.length; i++) {
      out[i] = G711.ulawEncode((short) (8000 * Math.sin(2 * Math.PI * 440 * i / RATE)));
    }
    return out;
  }

  /** How long the first loud stretch of {@code pcm} lasts, in ms: from its onset to the first 100 ms of quiet. */
  private static double loudMs(short[] pcm) {
    int window = RATE / 200;
    int start = -1;
    int lastLoud = -1;
    for (int at = 0; at + window <= pcm.length; at += window) {
      double energy = 0;
      for (int i = at; i < at + window; i++) {
        energy += (double) pcm[i] * pcm[i];
      }
      boolean loud = Math.sqrt(energy / window) > 1000;
      if (loud) {
        start = start < 0 ? at : start;
        lastLoud = at + window;
      } else if (start >= 0 && at - lastLoud >= RATE / 10) {
        break;
      }
    }
    return start < 0 ? 0 : (lastLoud - start) * 1000.0 / RATE;
  }

  @Test
  void theBotAndTheCallerHearEachOtherAndMarksComeBackInOrder() throws Exception {
    Path speech = SpeechFixture.speech(dir, RATE);
    Path reply = dir.resolve("reply.ulaw");
    Files.write(reply, mulaw(speech));
    try (TwilioBot bot = new TwilioBot(dir.resolve("bot"), new JsonObject().put("replyFile", reply.toString()));
        GatewayFixture gw = GatewayFixture.start("", sections(bot, ""))) {
      Baresip caller = new Baresip(dir.resolve("caller"), "PCMU", callerSaysThenListens(13), RATE);
      Baresip.CallRecording rec = caller.call(gw.uri("bot"), Duration.ofSeconds(40));
      assertNotNull(rec.sent(), "baresip sent nothing: " + rec.log());

      JsonObject connected = bot.await(l -> "connected".equals(l.getString("action")), 10);
      assertEquals("Bearer it", connected.getString("authorization"));
      JsonObject start = bot.received("start", 10).getJsonObject("start");
      assertEquals("it", start.getJsonObject("customParameters").getString("tenant"));
      assertTrue(start.getJsonObject("customParameters").getString("To").contains("bot"), start.encode());
      assertEquals(new JsonObject().put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1),
          start.getJsonObject("mediaFormat"));

      bot.received("stop", 30);
      bot.await(l -> "saved".equals(l.getString("action")), 10);
      // The bot hears the caller from the moment its socket opened: compare from the speech's onset on both sides.
      AudioMatch.Result heard = AudioMatch.align(AudioMatch.fromOnset(AudioMatch.read(rec.sent(), RATE), RATE, 50),
          AudioMatch.fromOnset(linear(bot.inbound(1)), RATE, 100), RATE, 500, 200);
      System.out.printf("stream inbound: %s%n", heard);
      assertTrue(heard.windows().size() >= 8, "too little of the caller reached the bot: " + heard);
      assertTrue(heard.medianCorrelation() >= 0.9, "the bot's audio of the caller: " + heard);

      // The caller hears nothing but the bot's answer, which starts after the caller's own speech.
      assertNotNull(rec.heard(), "baresip heard nothing: " + rec.log());
      AudioMatch.Result answer = AudioMatch.align(AudioMatch.fromOnset(AudioMatch.read(speech, RATE), RATE, 50),
          AudioMatch.fromOnset(AudioMatch.read(rec.heard(), RATE), RATE, 100), RATE, 500, 200);
      System.out.printf("stream outbound: %s%n", answer);
      assertTrue(answer.windows().size() >= 8, "too little of the bot reached the caller: " + answer);
      assertTrue(answer.medianCorrelation() >= 0.9, "the caller's audio of the bot: " + answer);

      List<String> replied = bot.seen().stream().filter(l -> "replied".equals(l.getString("action")))
          .map(l -> l.getString("name")).toList();
      List<String> marks = bot.seen().stream().filter(l -> l.containsKey("received")
          && "mark".equals(l.getJsonObject("received").getString("event")))
          .map(l -> l.getJsonObject("received").getJsonObject("mark").getString("name")).toList();
      assertTrue(!replied.isEmpty(), "the bot answered no utterance: " + bot.seen());
      assertEquals(replied.subList(0, marks.size()), marks, "marks come back in the order sent");
      assertTrue(marks.size() >= 1, "no mark came back: " + bot.seen());
    }
  }

  @Test
  void clearSilencesTheCallerSideAtOnceAndEchoesThePendingMark() throws Exception {
    Path reply = dir.resolve("tone.ulaw");
    Files.write(reply, tone(4000));
    try (TwilioBot bot = new TwilioBot(dir.resolve("bot"), new JsonObject().put("replyFile", reply.toString())
            .put("clearAfterMs", 1000));
        GatewayFixture gw = GatewayFixture.start("", sections(bot, ""))) {
      Baresip.CallRecording rec = new Baresip(dir.resolve("caller"), "PCMU", callerSaysThenListens(5), RATE)
          .call(gw.uri("bot"), Duration.ofSeconds(25));
      long sent = bot.await(l -> "replied".equals(l.getString("action")), 30).getLong("at");
      long cleared = bot.await(l -> "cleared".equals(l.getString("action")), 10).getLong("at");
      JsonObject mark = bot.received("mark", 10);
      assertEquals("reply-1", mark.getJsonObject("mark").getString("name"), "clear echoes the pending mark");

      assertNotNull(rec.heard(), "baresip heard nothing: " + rec.log());
      double heardMs = loudMs(AudioMatch.read(rec.heard(), RATE));
      long playedMs = cleared - sent;
      System.out.printf("stream clear: the tone was heard for %.0f ms, cleared %d ms after it was sent%n", heardMs,
          playedMs);
      assertTrue(heardMs >= playedMs - 100, "the tone played until the clear: " + heardMs + " ms of " + playedMs);
      assertTrue(heardMs <= playedMs + 40, "the caller's side went silent within 40 ms of the clear: " + heardMs
          + " ms heard, clear after " + playedMs + " ms");
    }
  }

  @Test
  void theCallersDigitReachesTheBotAsDtmf() throws Exception {
    try (TwilioBot bot = new TwilioBot(dir.resolve("bot"), new JsonObject());
        GatewayFixture gw = GatewayFixture.start("", sections(bot, ""))) {
      SippRunner.Result result = SippRunner.builtin("uac_pcap").args("-s", "bot").run(gw.target(), 1, 1, 1);
      assertEquals(1, result.successful(), result.toString());
      JsonObject dtmf = bot.received("dtmf", 20);
      assertEquals(new JsonObject().put("track", "inbound_track").put("digit", "1"), dtmf.getJsonObject("dtmf"));
      assertEquals("stop", bot.received("stop", 20).getString("event"));
      byte[] inbound = bot.inbound(1);
      // SIPp's pcap plays about 8 s; the socket opens just after the answer.
      assertTrue(inbound.length >= 6 * 8000, "most of the caller's 8 s reached the bot: " + inbound.length);
    }
  }

  @Test
  void aBotThatCrashesHangsTheCallUpAndTheGatewayServesTheNext() throws Exception {
    Tools.require("baresip");
    try (TwilioBot bot = new TwilioBot(dir.resolve("bot"), new JsonObject().put("closeAfterStart", true));
        GatewayFixture gw = GatewayFixture.start("", sections(bot, ", reconnect_attempts: 1"))) {
      List<CallEvent> ended = new CopyOnWriteArrayList<>();
      MessageConsumer<CallEvent> events = gw.gateway().vertx().eventBus().consumer(Addresses.CALL_EVENTS, m -> {
        if (m.body().type() == CallEventType.CALL_TERMINATED) {
          ended.add(m.body());
        }
      });
      Path speech = SpeechFixture.speech(dir, RATE);
      new Baresip(dir.resolve("caller"), "PCMU", speech, RATE).call(gw.uri("bot"), Duration.ofSeconds(12));
      assertEquals(2, bot.seen().stream().filter(l -> "connected".equals(l.getString("action"))).count(),
          "one reconnection, then the call ends: " + bot.seen());
      assertTrue(ended.stream().anyMatch(e -> e.reason() != null && e.reason().startsWith("stream bot:")),
          "the call ended for its stream: " + ended);

      Baresip.CallRecording echo = new Baresip(dir.resolve("echo"), "PCMU", speech, RATE)
          .call(gw.uri("echo"), Duration.ofSeconds(20));
      AudioMatch.Result match = AudioMatch.align(AudioMatch.read(echo.sent(), RATE),
          AudioMatch.read(echo.heard(), RATE), RATE, 500, 400);
      assertTrue(match.medianCorrelation() >= 0.9, "the next call is served: " + match);
      events.unregister();
    }
  }

  @Test
  void anUnreachableBotHangsTheCallUp() throws Exception {
    Tools.require("baresip");
    int nobody = io.voicegateway.testing.FreePorts.udpAndTcp();
    try (GatewayFixture gw = GatewayFixture.start("", String.join("\n",
        "routes:",
        "  - {direction: inbound, match: gone, stream: gone, from: any}",
        "streaming:",
        "  gone: {url: 'ws://127.0.0.1:" + nobody + "/', connect_timeout: 1s}"))) {
      List<CallEvent> events = new CopyOnWriteArrayList<>();
      MessageConsumer<CallEvent> consumer = gw.gateway().vertx().eventBus()
          .consumer(Addresses.CALL_EVENTS, m -> events.add(m.body()));
      new Baresip(dir.resolve("gone"), "PCMU", callerSaysThenListens(2), RATE).call(gw.uri("gone"),
          Duration.ofSeconds(10));
      CallEvent end = events.stream().filter(e -> e.type() == CallEventType.CALL_TERMINATED).findFirst()
          .orElseThrow(() -> new AssertionError("the call to an unreachable bot did not end: " + events));
      assertTrue(end.reason().startsWith("stream gone: cannot connect"), end.reason());
      assertEquals(1.0, gw.gateway().metrics().registry().get("vg_media_stream_failed").counter().count());
      consumer.unregister();
    }
  }

  @Test
  void aBotThatStopsReadingLosesTheOldestAudioThenIsLetGoWhileTheCallGoesOn() throws Exception {
    Tools.require("baresip");
    try (TwilioBot deaf = new TwilioBot(dir.resolve("deaf"), new JsonObject().put("stopReadingAfterStart", true));
        GatewayFixture gw = GatewayFixture.start("", String.join("\n",
            "routes:",
            "  - {direction: inbound, match: deaf, stream: deaf, from: any}",
            "streaming:",
            "  deaf: {url: '" + deaf.url() + "', encoding: l16/16000, max_queued: 200ms, on_disconnect: continue}"))) {
      List<CallEvent> events = new CopyOnWriteArrayList<>();
      MessageConsumer<CallEvent> consumer = gw.gateway().vertx().eventBus()
          .consumer(Addresses.CALL_EVENTS, m -> events.add(m.body()));
      Baresip.CallRecording rec = new Baresip(dir.resolve("deaf"), "PCMU", callerSaysThenListens(8), RATE)
          .call(gw.uri("deaf"), Duration.ofSeconds(30));
      deaf.await(l -> "stopped reading".equals(l.getString("action")), 10);
      List<CallEventType> types = events.stream().map(CallEvent::type).toList();
      assertTrue(types.indexOf(CallEventType.AUDIO_STOPPED) >= 0
          && types.indexOf(CallEventType.AUDIO_STOPPED) < types.indexOf(CallEventType.CALL_TERMINATED),
          "the feed stopped while the call went on: " + events);
      CallEvent end = events.stream().filter(e -> e.type() == CallEventType.CALL_TERMINATED).findFirst()
          .orElseThrow();
      assertTrue(end.reason() == null || !end.reason().startsWith("stream"),
          "the caller, not the stream, ended the call: " + end.reason());
      assertNotNull(rec.sent(), rec.log());
      double dropped = gw.gateway().metrics().registry().get("vg_media_stream_frames_dropped").counter().count();
      System.out.printf("stream stalled: %.0f frames dropped toward the bot that stopped reading%n", dropped);
      assertTrue(dropped > 0, "frames dropped toward the bot that stopped reading");
      assertEquals(1.0, gw.gateway().metrics().registry().get("vg_media_stream_failed").counter().count());
      consumer.unregister();
    }
  }
}
