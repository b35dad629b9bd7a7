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

  @Test
  void theBotHearsTheCallerAndItsMarksComeBackInOrder() throws Exception {
    Path speech = SpeechFixture.speech(dir, RATE);
    Path reply = dir.resolve("reply.ulaw");
    Files.write(reply, mulaw(speech));
    try (TwilioBot bot = new TwilioBot(dir.resolve("bot"), new JsonObject().put("replyFile", reply.toString()));
        GatewayFixture gw = GatewayFixture.start("", sections(bot, ""))) {
      Baresip caller = new Baresip(dir.resolve("caller"), "PCMU", speech, RATE);
      Baresip.CallRecording rec = caller.call(gw.uri("bot"), Duration.ofSeconds(20));
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
}
