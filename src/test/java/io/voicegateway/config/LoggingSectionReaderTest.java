package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoggingSectionReaderTest {
  @Test
  void textByDefaultJsonOnRequest() {
    assertEquals(LoggingConfig.Format.TEXT, ConfigLoader.defaults().logging().format());
    assertEquals(LoggingConfig.Format.JSON, ConfigLoader.parse("logging: {format: json}", Map.of()).logging().format());
    assertEquals(LoggingConfig.Format.JSON,
        ConfigLoader.parse("logging: {format: \"${FMT}\"}", Map.of("FMT", "JSON")).logging().format());
  }

  @Test
  void aBadFormatNamesTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("logging: {format: xml}", Map.of()));
    assertEquals("logging.format", e.keyPath(), e.getMessage());
    assertTrue(e.getMessage().contains("text or json"), e.getMessage());
    assertEquals("logging.colour", assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("logging: {colour: true}", Map.of())).keyPath());
  }
}
