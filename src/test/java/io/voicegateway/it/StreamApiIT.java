package io.voicegateway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.it.peers.Baresip;
import io.voicegateway.it.peers.TwilioBot;
import io.voicegateway.media.FeedFrame;
import io.voicegateway.media.codec.G711;
import io.voicegateway.testing.ApiClient;
import io.voicegateway.testing.AudioMatch;
import io.voicegateway.testing.SpeechFixture;
import io.voicegateway.testing.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A named stream started through the REST API on a call that is already running (baresip calling the echo app):
 * the Node Twilio bot hears the caller, and DELETE sends it {@code stop} while the call goes on.
 */
class StreamApiIT {
  private static final int RATE = 8000;
  private static final int LEAD_SECONDS = 2;

  @TempDir Path dir;

  @Test
  void anApiStartedStreamHearsTheCallerAndDeleteStopsItWhileTheCallGoesOn() throws Exception {
    Tools.require("baresip");
    Path speech = SpeechFixture.speech(dir, RATE);
    double speechSeconds = (double) AudioMatch.read(speech, RATE).length / RATE;
    Path said = dir.resolve("caller.wav");
    Tools.run("sox", speech.toString(), said.toString(), "pad", "" + LEAD_SECONDS, "6");
    try (TwilioBot bot = new TwilioBot(dir.resolve("bot"), new JsonObject());
        GatewayFixture gw = GatewayFixture.start("", String.join("\n",
            "routes:",
            "  - {direction: inbound, match: echo, app: echo, from: any}",
            "streaming:",
            "  bot: {url: '" + bot.url() + "', custom_parameters: {tenant: it}, bidirectional: false}"))) {
      EventBus bus = gw.gateway().vertx().eventBus();
      AtomicReference<String> callId = new AtomicReference<>();
      List<CallEvent> ended = new CopyOnWriteArrayList<>();
      bus.<CallEvent>consumer(Addresses.CALL_EVENTS, m -> {
        if (m.body().type() == CallEventType.CALL_CONNECTED) {
          callId.compareAndSet(null, m.body().callId());
        } else if (m.body().type() == CallEventType.CALL_TERMINATED) {
          ended.add(m.body());
        }
      });
      CompletableFuture<Baresip.CallRecording> call = CompletableFuture.supplyAsync(() -> {
        try {
          return new Baresip(dir.resolve("caller"), "PCMU", said, RATE).call(gw.uri("echo"), Duration.ofSeconds(40));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      await().atMost(Duration.ofSeconds(20)).until(() -> callId.get() != null);
      String id = callId.get();

      // The call's own clock for the test: the caller's frames in the call's feed (the API's /stream).
      AtomicReference<String> callerLeg = new AtomicReference<>();
      AtomicInteger callerFrames = new AtomicInteger();
      bus.<Buffer>consumer(Addresses.audio(id), m -> {
        byte[] frame = m.body().getBytes();
        String leg = FeedFrame.legId(frame).toString();
        callerLeg.compareAndSet(null, leg);
        if (leg.equals(callerLeg.get())) {
          callerFrames.incrementAndGet();
        }
      });
      gw.ask(Addresses.SIP_STREAM, new SipCommands.Stream(id, true));

      ApiClient api = new ApiClient(gw.gateway().httpPort(), "test-token");
      ApiClient.Answer started = api.post("/api/v1/calls/" + id + "/streams",
          "{\"name\": \"bot\", \"customParameters\": {\"turn\": \"1\"}}");
      assertEquals(201, started.status(), started.toString());
      String sid = started.object().getString("streamSid");
      JsonObject start = bot.received("start", 10).getJsonObject("start");
      assertEquals(sid, start.getString("streamSid"));
      assertEquals(id, start.getString("callSid"));
      JsonObject parameters = start.getJsonObject("customParameters");
      assertEquals("it", parameters.getString("tenant"));
      assertEquals("1", parameters.getString("turn"));
      assertEquals("echo", parameters.getString("To"), parameters.encode());
      assertTrue(parameters.getString("ToUri").startsWith("sip:echo@"), parameters.encode());
      assertEquals(409, api.post("/api/v1/calls/" + id + "/streams", "{\"name\": \"bot\"}").status());
      assertEquals(sid, api.get("/api/v1/calls/" + id + "/streams").object().getJsonArray("streams").getJsonObject(0)
          .getString("streamSid"));

      int spokenFrames = (int) ((LEAD_SECONDS + speechSeconds + 0.8) * 50);
      await().atMost(Duration.ofSeconds(30)).until(() -> callerFrames.get() >= spokenFrames);
      assertEquals(204, api.delete("/api/v1/calls/" + id + "/streams/" + sid).status());
      assertEquals("stop", bot.received("stop", 10).getString("event"));
      bot.await(l -> "closed".equals(l.getString("action")), 10);
      assertEquals(0, api.get("/api/v1/calls/" + id + "/streams").object().getJsonArray("streams").size());

      int atStop = callerFrames.get();
      await().atMost(Duration.ofSeconds(20)).until(() -> callerFrames.get() >= atStop + 100);
      assertTrue(ended.isEmpty(), "the call goes on after the stream stopped: " + ended);

      Baresip.CallRecording rec = call.get(60, TimeUnit.SECONDS);
      assertNotNull(rec.sent(), "baresip sent nothing: " + rec.log());
      AudioMatch.Result heard = AudioMatch.align(AudioMatch.fromOnset(AudioMatch.read(rec.sent(), RATE), RATE, 50),
          AudioMatch.fromOnset(linear(bot.inbound(1)), RATE, 100), RATE, 500, 200);
      System.out.printf("api stream inbound: %s%n", heard);
      assertTrue(heard.windows().size() >= 8, "too little of the caller reached the bot: " + heard);
      assertTrue(heard.medianCorrelation() >= 0.9, "the bot's audio of the caller: " + heard);
    }
  }

  private static short[] linear(byte[] ulaw) {
    short[] out = new short[ulaw.length];
    for (int i = 0; i < ulaw.length; i++) {
      out[i] = G711.ulawDecode(ulaw[i]);
    }
    return out;
  }
}
