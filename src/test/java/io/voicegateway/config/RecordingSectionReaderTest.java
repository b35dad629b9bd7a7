package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingSectionReaderTest {
  private static GatewayConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, Map.of());
  }

  @Test
  void leftOutRecordingsGoUnderTheHistoryDataDir() {
    RecordingConfig recording = parse("recording: {}\n").recording();
    assertNull(recording.dir());
    assertEquals(Path.of("data", "recordings"), recording.dirUnder(Path.of("data")));
    assertEquals(RecordingConfig.defaults(), parse("media: {}\n").recording());
  }

  @Test
  void dirIsTaken() {
    assertEquals(Path.of("/var/rec"), parse("recording: {dir: /var/rec}\n").recording().dirUnder(Path.of("x")));
  }

  @Test
  void badInputNamesTheKey() {
    ConfigException blank = assertThrows(ConfigException.class, () -> parse("recording: {dir: \" \"}\n"));
    assertTrue(blank.getMessage().contains("recording.dir"), blank.getMessage());
    ConfigException unknown = assertThrows(ConfigException.class, () -> parse("recording: {format: mp3}\n"));
    assertTrue(unknown.getMessage().contains("format"), unknown.getMessage());
  }

  @Test
  void routesMayRecord() {
    GatewayConfig config = parse("""
        routes:
          - {direction: inbound, match: "1", app: echo, record: true}
          - {direction: inbound, match: "2", app: echo}
        """);
    assertTrue(config.routes().get(0).record());
    assertFalse(config.routes().get(1).record());
    ConfigException bad = assertThrows(ConfigException.class, () -> parse(
        "routes:\n  - {direction: inbound, match: \"1\", app: echo, record: maybe}\n"));
    assertTrue(bad.getMessage().contains("record"), bad.getMessage());
  }
}
