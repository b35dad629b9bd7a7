package io.voicegateway.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The messages keep Twilio's documented field names and types (strings where Twilio sends strings). */
class TwilioMessagesTest {
  private final TwilioMessages messages = new TwilioMessages("MZ1", "AC1", "CA1");

  @Test
  void connectedHasProtocolAndVersionButNoSequence() {
    JsonObject connected = new JsonObject(messages.connected());
    assertEquals(new JsonObject().put("event", "connected").put("protocol", "Call").put("version", "1.0.0"),
        connected);
  }

  @Test
  void startCarriesTheStreamMetadata() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("From", "+4930123");
    params.put("X-Tenant", "acme");
    JsonObject start = new JsonObject(messages.start(new JsonArray().add("inbound"), params, "audio/x-mulaw", 8000));
    assertEquals("start", start.getString("event"));
    assertEquals("1", start.getValue("sequenceNumber"));
    assertEquals("MZ1", start.getString("streamSid"));
    JsonObject body = start.getJsonObject("start");
    assertEquals("AC1", body.getString("accountSid"));
    assertEquals("MZ1", body.getString("streamSid"));
    assertEquals("CA1", body.getString("callSid"));
    assertEquals(new JsonArray().add("inbound"), body.getJsonArray("tracks"));
    assertEquals(new JsonObject().put("From", "+4930123").put("X-Tenant", "acme"),
        body.getJsonObject("customParameters"));
    assertEquals(new JsonObject().put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1),
        body.getJsonObject("mediaFormat"));
  }

  @Test
  void mediaNumbersChunksPerTrackAndSequencePerMessage() {
    messages.start(new JsonArray(), Map.of(), "audio/x-mulaw", 8000);
    JsonObject first = new JsonObject(messages.media("inbound", 0, new byte[] {1, 2, 3, 9}, 3));
    JsonObject second = new JsonObject(messages.media("inbound", 20, new byte[] {4}, 1));
    JsonObject other = new JsonObject(messages.media("outbound", 20, new byte[] {5}, 1));
    assertEquals("2", first.getValue("sequenceNumber"));
    assertEquals("3", second.getValue("sequenceNumber"));
    JsonObject media = first.getJsonObject("media");
    assertEquals("inbound", media.getString("track"));
    assertEquals("1", media.getValue("chunk"));
    assertEquals("0", media.getValue("timestamp"));
    assertArrayEquals(new byte[] {1, 2, 3}, Base64.getDecoder().decode(media.getString("payload")));
    assertEquals("2", second.getJsonObject("media").getValue("chunk"));
    assertEquals("20", second.getJsonObject("media").getValue("timestamp"));
    assertEquals("1", other.getJsonObject("media").getValue("chunk"));
  }

  @Test
  void dtmfMarkAndStop() {
    JsonObject dtmf = new JsonObject(messages.dtmf("5"));
    assertEquals(new JsonObject().put("track", "inbound_track").put("digit", "5"), dtmf.getJsonObject("dtmf"));
    assertEquals("MZ1", dtmf.getString("streamSid"));
    JsonObject mark = new JsonObject(messages.mark("greeting"));
    assertEquals("2", mark.getValue("sequenceNumber"));
    assertEquals(new JsonObject().put("name", "greeting"), mark.getJsonObject("mark"));
    JsonObject stop = new JsonObject(messages.stop());
    assertEquals(new JsonObject().put("accountSid", "AC1").put("callSid", "CA1"), stop.getJsonObject("stop"));
    messages.restart();
    assertEquals("1", new JsonObject(messages.mark("x")).getValue("sequenceNumber"));
  }

  @Test
  void consumerMessagesAreReadAsTwilioAcceptsThem() {
    ConsumerMessage media = ConsumerMessage.parse(
        "{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"AQID\"}}");
    assertEquals(ConsumerMessage.Kind.MEDIA, media.kind());
    assertArrayEquals(new byte[] {1, 2, 3}, media.payload());
    ConsumerMessage mark = ConsumerMessage.parse("{\"event\":\"mark\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"m1\"}}");
    assertEquals(ConsumerMessage.Kind.MARK, mark.kind());
    assertEquals("m1", mark.markName());
    assertEquals(ConsumerMessage.Kind.CLEAR, ConsumerMessage.parse("{\"event\":\"clear\",\"streamSid\":\"MZ1\"}").kind());
    for (String bad : new String[] {"not json", "[1]", "{}", "{\"event\":\"media\"}", "{\"event\":\"mark\",\"mark\":{}}",
        "{\"event\":\"media\",\"media\":{\"payload\":\"***\"}}", "{\"event\":\"hello\"}"}) {
      ConsumerMessage ignored = ConsumerMessage.parse(bad);
      assertEquals(ConsumerMessage.Kind.IGNORED, ignored.kind(), bad);
      assertFalse(ignored.problem().isEmpty());
    }
  }

  @Test
  void idsLookLikeTwilioSids() {
    assertTrue(StreamIds.streamSid("call", "bot").matches("MZ[0-9a-f]{32}"));
    assertEquals(StreamIds.streamSid("call", "bot"), StreamIds.streamSid("call", "bot"));
    assertTrue(StreamIds.accountSid().matches("AC[0-9a-f]{32}"));
  }
}
