package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvSubstitutionTest {
  private static final Map<String, String> ENV = Map.of("HOST", "sip.example.com", "PORT", "5070", "EMPTY", "");

  @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
  @CsvSource(value = {
      "${HOST}|sip.example.com",
      "${HOST:-other}|sip.example.com",
      "${MISSING:-5060}|5060",
      "${MISSING:-}|''",
      "${EMPTY:-fallback}|fallback",
      "${EMPTY}|''",
      "sip:${HOST}:${PORT}|sip:sip.example.com:5070",
      "${MISSING:-a:b-c}|a:b-c",
      "no references|no references",
      "cost $5 and {braces}|cost $5 and {braces}",
  }, delimiter = '|')
  void substitutes(String text, String expected) {
    assertEquals(expected, new EnvSubstitution(ENV).apply(text, "k"));
  }

  @Test
  void typedValuesComeFromTheEnvironmentWithAndWithoutDefaults() {
    MediaConfig m = ConfigLoader.parse("media: {sip_port: '${SIP_PORT:-5060}', rtp_timeout: '${RTP_TIMEOUT}',"
        + " codecs: ['${FIRST}', g711-ulaw]}", Map.of("RTP_TIMEOUT", "45s", "FIRST", "opus")).media();
    assertEquals(5060, m.sipPort());
    assertEquals(java.time.Duration.ofSeconds(45), m.rtpTimeout());
    assertEquals(java.util.List.of("opus", "g711-ulaw"), m.codecs());
    assertEquals(5099, ConfigLoader.parse("media: {sip_port: '${SIP_PORT:-5060}'}", Map.of("SIP_PORT", "5099"))
        .media().sipPort());
  }

  @Test
  void missingVariableWithoutDefaultNamesKeyAndVariable() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("media:\n  registrations:\n    - uri: sip:a@b\n      password: ${TRUNK_PW}", Map.of()));
    assertEquals("media.registrations[0].password", e.keyPath());
    assertTrue(e.getMessage().contains("TRUNK_PW"), e.getMessage());
  }

  @Test
  void substitutedValueIsStillValidated() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("http: {port: '${HTTP_PORT}'}", Map.of("HTTP_PORT", "eighty")));
    assertEquals("http.port", e.keyPath());
    assertTrue(e.getMessage().contains("'eighty'"), e.getMessage());
  }

  @Test
  void malformedReferencesAreErrors() {
    EnvSubstitution env = new EnvSubstitution(ENV);
    assertEquals("k", assertThrows(ConfigException.class, () -> env.apply("${HOST", "k")).keyPath());
    ConfigException bad = assertThrows(ConfigException.class, () -> env.apply("${1BAD}", "k"));
    assertTrue(bad.getMessage().contains("${1BAD}"), bad.getMessage());
  }

  @Test
  void keysAreNotSubstituted() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("media: {'${KEY}': 1}", Map.of("KEY", "sip_port")));
    assertEquals("media.${KEY}", e.keyPath());
  }
}
