package io.voicegateway.stream;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Map;

/**
 * The messages one stream sends, shaped as Twilio documents its Media Streams WebSocket messages: {@code connected}
 * (no sequence number), then {@code start}, {@code media}, {@code dtmf}, {@code mark} and {@code stop}, each with
 * {@code sequenceNumber} (a string, from "1") and {@code streamSid}. Numbers Twilio sends as strings ({@code chunk},
 * {@code timestamp}) are strings here too; {@code mediaFormat.sampleRate} and {@code channels} are numbers.
 * Not thread-safe: one stream's messages are made on its verticle's event loop.
 */
final class TwilioMessages {
  static final String PROTOCOL = "Call";
  static final String VERSION = "1.0.0";
  static final String INBOUND = "inbound";
  static final String OUTBOUND = "outbound";
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private final String streamSid;
  private final String accountSid;
  private final String callSid;
  private long sequence;
  private long inboundChunk;
  private long outboundChunk;

  TwilioMessages(String streamSid, String accountSid, String callSid) {
    this.streamSid = streamSid;
    this.accountSid = accountSid;
    this.callSid = callSid;
  }

  String streamSid() {
    return streamSid;
  }

  /** A reconnected socket hears {@code connected} and {@code start} again, numbered from 1 as a new stream would. */
  void restart() {
    sequence = 0;
  }

  String connected() {
    return new JsonObject().put("event", "connected").put("protocol", PROTOCOL).put("version", VERSION).encode();
  }

  String start(JsonArray tracks, Map<String, String> customParameters, String encoding, int sampleRate) {
    JsonObject start = new JsonObject()
        .put("accountSid", accountSid)
        .put("streamSid", streamSid)
        .put("callSid", callSid)
        .put("tracks", tracks)
        .put("customParameters", new JsonObject(Map.copyOf(customParameters)))
        .put("mediaFormat", new JsonObject().put("encoding", encoding).put("sampleRate", sampleRate)
            .put("channels", 1));
    return envelope("start").put("start", start).encode();
  }

  /** One 20 ms frame of {@code track}; {@code timestampMs} counts from the stream's start. */
  String media(String track, long timestampMs, byte[] payload, int length) {
    long chunk = INBOUND.equals(track) ? ++inboundChunk : ++outboundChunk;
    byte[] exact = length == payload.length ? payload : java.util.Arrays.copyOf(payload, length);
    JsonObject media = new JsonObject().put("track", track).put("chunk", Long.toString(chunk))
        .put("timestamp", Long.toString(timestampMs)).put("payload", BASE64.encodeToString(exact));
    return envelope("media").put("media", media).encode();
  }

  String dtmf(String digit) {
    return envelope("dtmf").put("dtmf", new JsonObject().put("track", "inbound_track").put("digit", digit)).encode();
  }

  String mark(String name) {
    return envelope("mark").put("mark", new JsonObject().put("name", name)).encode();
  }

  String stop() {
    return envelope("stop").put("stop", new JsonObject().put("accountSid", accountSid).put("callSid", callSid))
        .encode();
  }

  private JsonObject envelope(String event) {
    return new JsonObject().put("event", event).put("sequenceNumber", Long.toString(++sequence))
        .put("streamSid", streamSid);
  }
}
