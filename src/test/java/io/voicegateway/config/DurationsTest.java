package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({
      "30s, 30000",
      "500ms, 500",
      "2m, 120000",
      "1h, 3600000",
      "90d, 7776000000",
      "45, 45000",
      "0s, 0",
      "' 10s ', 10000",
      "999999999ms, 999999999",
  })
  void parses(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), Durations.parse(text, "media.rtp_timeout"));
  }

  @ParameterizedTest(name = "rejects \"{0}\"")
  @ValueSource(strings = {"", "s", "ms", "1.5s", "-5s", "30 s", "5w", "1h30m", "abc", "30S", "1e3", "9999999999s"})
  void rejectsNamingKeyAndText(String text) {
    ConfigException e = assertThrows(ConfigException.class, () -> Durations.parse(text, "media.rtp_timeout"));
    assertEquals("media.rtp_timeout", e.keyPath());
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }

  @ParameterizedTest(name = "yaml {0}")
  @CsvSource({"30, 30000", "'\"30\"', 30000", "250ms, 250"})
  void yamlIntegersAndStringsAreSeconds(String yaml, long millis) {
    assertEquals(Duration.ofMillis(millis),
        ConfigLoader.parse("media: {rtp_timeout: " + yaml + "}", java.util.Map.of()).media().rtpTimeout());
  }
}
