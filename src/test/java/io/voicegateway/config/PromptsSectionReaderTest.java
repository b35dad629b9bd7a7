package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PromptsSectionReaderTest {
  @Test
  void defaultsAreEspeakInEnglishCachedUnderTheDataDirectory() {
    GatewayConfig config = ConfigLoader.defaults();
    PromptsConfig prompts = config.prompts();
    assertEquals(PromptsConfig.defaults(), prompts);
    assertEquals("espeak", prompts.engine());
    assertEquals("en-us", prompts.voice());
    assertEquals(175, prompts.speed());
    assertNull(prompts.http());
    assertEquals(Path.of("data", "prompts"), prompts.cacheDir(config.history()));
    assertEquals(Path.of("/var/lib/vg/prompts"),
        ConfigLoader.parse("history: {data_dir: /var/lib/vg}", Map.of()).prompts()
            .cacheDir(ConfigLoader.parse("history: {data_dir: /var/lib/vg}", Map.of()).history()));
  }

  @Test
  void readsEveryKey() {
    PromptsConfig prompts = ConfigLoader.parse("""
        prompts:
          engine: http
          voice: en-gb+f3
          speed: 150
          cache_dir: /tmp/prompts
          http:
            url: http://127.0.0.1:8880/
            model: kokoro
            voice: bf_emma
            format: pcm
            timeout: 3s
        """, Map.of()).prompts();
    assertEquals(new PromptsConfig("http", "en-gb+f3", 150, Path.of("/tmp/prompts"),
        new PromptsConfig.Http("http://127.0.0.1:8880", "kokoro", "bf_emma", "pcm", Duration.ofSeconds(3))), prompts);
  }

  @Test
  void theHttpEngineHasDefaultsBesideItsUrl() {
    PromptsConfig.Http http = ConfigLoader.parse("prompts: {engine: http, http: {url: 'https://tts.lan'}}", Map.of())
        .prompts().http();
    assertEquals(new PromptsConfig.Http("https://tts.lan", "kokoro", "af_heart", "wav", Duration.ofSeconds(10)), http);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("prompts: {engine: festival}", "prompts.engine", "espeak, http"),
        Arguments.of("prompts: {voice: '-w /etc/passwd'}", "prompts.voice", "not an espeak-ng voice"),
        Arguments.of("prompts: {speed: 2000}", "prompts.speed", "80..450"),
        Arguments.of("prompts: {engine: http}", "prompts.http", "required with engine: http"),
        Arguments.of("prompts: {engine: http, http: {model: kokoro}}", "prompts.http.url", "required"),
        Arguments.of("prompts: {engine: http, http: {url: 'ftp://x'}}", "prompts.http.url", "http:// or https://"),
        Arguments.of("prompts: {engine: http, http: {url: 'http://x', format: mp3}}", "prompts.http.format",
            "wav, pcm"),
        Arguments.of("prompts: {engine: http, http: {url: 'http://x', timeout: 0s}}", "prompts.http.timeout",
            "longer than zero"),
        Arguments.of("prompts: {http: {uri: 'http://x'}}", "prompts.http.uri", "did you mean 'url'"),
        Arguments.of("prompts: {cache: /tmp}", "prompts.cache", "cache_dir"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void badValuesNameTheirKey(String yaml, String key, String hint) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, Map.of()));
    assertEquals(key, e.keyPath(), e.getMessage());
    assertTrue(e.getMessage().contains(hint), e.getMessage());
  }

  @Test
  void aPromptWrittenAsOneString() {
    assertEquals(Prompt.text("Welcome to Acme"), Prompt.parse("  Welcome to Acme "));
    assertEquals(Prompt.file(Path.of("sounds/welcome.WAV")), Prompt.parse("sounds/welcome.WAV"));
    assertNull(Prompt.parse("  "));
  }

  @Test
  void announceRoutesCarryTheirPrompt() {
    GatewayConfig config = ConfigLoader.parse("""
        routes:
          - {direction: inbound, match: '100', app: announce Our office is closed., from: any}
          - {direction: inbound, match: '101', app: 'announce   sounds/closed.wav', from: any}
        """, Map.of());
    assertEquals("announce Our office is closed.", config.routes().get(0).app());
    assertEquals("announce sounds/closed.wav", config.routes().get(1).app());
  }

  @Test
  void announceWithoutWhatToSayIsAnError() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        "routes: [{direction: inbound, match: '1', app: announce, from: any}]", Map.of()));
    assertEquals("routes[0].app", e.keyPath());
    assertTrue(e.getMessage().contains("announce needs what to say"), e.getMessage());
  }
}
