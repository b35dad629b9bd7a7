package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.StreamingConfig.Encoding;
import io.voicegateway.config.StreamingConfig.OnDisconnect;
import io.voicegateway.config.StreamingConfig.Tracks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamingSectionReaderTest {
  private static GatewayConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, Map.of());
  }

  private static String error(String yaml) {
    return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void aStreamNeedsOnlyItsUrl() {
    StreamingConfig.Stream s = parse("streaming: {bot: {url: 'ws://127.0.0.1:9000/media'}}\n").streaming()
        .stream("bot").orElseThrow();
    assertEquals("ws://127.0.0.1:9000/media", s.url().toString());
    assertFalse(s.secure());
    assertEquals(Tracks.INBOUND, s.tracks());
    assertEquals(Encoding.MULAW_8000, s.encoding());
    assertTrue(s.bidirectional());
    assertEquals(OnDisconnect.HANGUP, s.onDisconnect());
    assertEquals(0, s.reconnectAttempts());
    assertEquals(Duration.ofSeconds(5), s.connectTimeout());
    assertEquals(Duration.ofSeconds(2), s.maxQueued());
    assertEquals(Map.of(), s.headers());
  }

  @Test
  void everyKeyIsTaken() {
    StreamingConfig.Stream s = parse("""
        streaming:
          asr:
            url: wss://bot.example.com/twilio
            headers: {Authorization: Bearer abc}
            custom_parameters: {tenant: acme, level: 3}
            tracks: both
            encoding: l16/16000
            bidirectional: false
            on_disconnect: continue
            reconnect_attempts: 2
            connect_timeout: 800ms
            max_queued: 500ms
        """).streaming().stream("asr").orElseThrow();
    assertTrue(s.secure());
    assertEquals(Map.of("Authorization", "Bearer abc"), s.headers());
    assertEquals(List.of("tenant", "level"), List.copyOf(s.customParameters().keySet()));
    assertEquals("3", s.customParameters().get("level"));
    assertEquals(Tracks.BOTH, s.tracks());
    assertEquals(Encoding.L16_16000, s.encoding());
    assertEquals("audio/x-l16", s.encoding().mimeType());
    assertEquals(16000, s.encoding().sampleRate());
    assertFalse(s.bidirectional());
    assertEquals(OnDisconnect.CONTINUE, s.onDisconnect());
    assertEquals(2, s.reconnectAttempts());
    assertEquals(Duration.ofMillis(800), s.connectTimeout());
    assertEquals(Duration.ofMillis(500), s.maxQueued());
  }

  @Test
  void badValuesNameTheKey() {
    assertTrue(error("streaming: {bot: {}}\n").contains("streaming.bot.url"));
    assertTrue(error("streaming: {bot: {url: 'http://x/'}}\n").contains("ws://"));
    assertTrue(error("streaming: {bot: {url: 'ws:///path'}}\n").contains("streaming.bot.url"));
    assertTrue(error("streaming: {bot: {url: 'ws://x', tracks: all}}\n").contains("streaming.bot.tracks"));
    String encoding = error("streaming: {bot: {url: 'ws://x', encoding: opus}}\n");
    assertTrue(encoding.contains("streaming.bot.encoding") && encoding.contains("mulaw/8000"), encoding);
    assertTrue(error("streaming: {bot: {url: 'ws://x', on_disconnect: retry}}\n")
        .contains("streaming.bot.on_disconnect"));
    assertTrue(error("streaming: {bot: {url: 'ws://x', reconnect_attempts: -1}}\n")
        .contains("streaming.bot.reconnect_attempts"));
    assertTrue(error("streaming: {bot: {url: 'ws://x', connect_timeout: 0s}}\n")
        .contains("streaming.bot.connect_timeout"));
    assertTrue(error("streaming: {bot: {url: 'ws://x', max_queued: 5ms}}\n").contains("streaming.bot.max_queued"));
    assertTrue(error("streaming: {bot: {url: 'ws://x', headers: {Upgrade: h2c}}}\n")
        .contains("streaming.bot.headers.Upgrade"));
    assertTrue(error("streaming: {bot: {url: 'ws://x', headers: {'a b': c}}}\n").contains("header name"));
    assertTrue(error("streaming: {bot: {url: 'ws://x', custom_parameters: {a: [1]}}}\n")
        .contains("streaming.bot.custom_parameters.a"));
    String unknown = error("streaming: {bot: {url: 'ws://x', tracs: both}}\n");
    assertTrue(unknown.contains("tracs") && unknown.contains("tracks"), unknown);
    assertTrue(error("streaming: [bot]\n").contains("streaming"));
  }

  @Test
  void cleaningIsOffUnlessAsked() {
    StreamingConfig.Stream plain = parse("streaming: {bot: {url: 'ws://x'}}\n").streaming().stream("bot")
        .orElseThrow();
    assertEquals(StreamingConfig.Cleaning.OFF, plain.cleaning());
    assertFalse(plain.cleaning().enabled());
    StreamingConfig.Stream off = parse("streaming: {bot: {url: 'ws://x', noise_suppression: off, normalize: false}}\n")
        .streaming().stream("bot").orElseThrow();
    assertEquals(StreamingConfig.Cleaning.OFF, off.cleaning());
    StreamingConfig.Stream clean = parse("streaming: {bot: {url: 'ws://x', noise_suppression: very_high,"
        + " normalize: true}}\n").streaming().stream("bot").orElseThrow();
    assertEquals(new StreamingConfig.Cleaning(StreamingConfig.NoiseSuppression.VERY_HIGH, true), clean.cleaning());
    assertTrue(clean.cleaning().enabled());
    assertTrue(new StreamingConfig.Cleaning(StreamingConfig.NoiseSuppression.OFF, true).enabled());
  }

  @Test
  void badCleaningValuesNameTheKey() {
    String level = error("streaming: {bot: {url: 'ws://x', noise_suppression: max}}\n");
    assertTrue(level.contains("streaming.bot.noise_suppression") && level.contains("very_high"), level);
    String on = error("streaming: {bot: {url: 'ws://x', noise_suppression: on}}\n");
    assertTrue(on.contains("streaming.bot.noise_suppression") && on.contains("moderate"), on);
    assertTrue(error("streaming: {bot: {url: 'ws://x', normalize: loud}}\n").contains("streaming.bot.normalize"));
  }

  @Test
  void routesMustNameAConfiguredStreamOnceThereAreAny() {
    String yaml = """
        routes:
          - {direction: inbound, match: "1", stream: bott, from: any}
        """;
    assertEquals("bott", parse(yaml).routes().get(0).stream(), "without streams a stream route feeds the bus");
    String message = error(yaml + "streaming: {bot: {url: 'ws://127.0.0.1:9/'}}\n");
    assertTrue(message.contains("routes[0].stream") && message.contains("did you mean 'bot'"), message);
  }

  @Test
  void docsHaveARowPerKeyAndTheirExampleLoads() throws java.io.IOException {
    String docs = java.nio.file.Files.readString(java.nio.file.Path.of("docs/streaming.md"));
    StreamingSectionReader.KEYS.forEach(key -> assertTrue(docs.contains("| `" + key + "` |"),
        "docs/streaming.md lacks a row for " + key));
    int start = docs.indexOf("```yaml\n") + "```yaml\n".length();
    GatewayConfig config = ConfigLoader.parse(docs.substring(start, docs.indexOf("```", start)),
        Map.of("BOT_TOKEN", "t"));
    assertEquals("Bearer t", config.streaming().stream("bot").orElseThrow().headers().get("Authorization"));
    assertEquals("bot", config.routes().get(0).stream());
  }
}
