package io.voicegateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values the original configuration writes differently from ours: they start, with a word in the log where changed. */
class OriginalSpellingsTest {
  private final List<LogRecord> logged = new ArrayList<>();
  private final Logger portRangeLog = Logger.getLogger(PortRange.class.getName());
  private final Handler capture = new Handler() {
    @Override public void publish(LogRecord r) {
      logged.add(r);
    }

    @Override public void flush() {}

    @Override public void close() {}
  };

  @BeforeEach
  void listen() {
    portRangeLog.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    portRangeLog.removeHandler(capture);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"rfc2833, RFC4733", "rfc4733, RFC4733", "inband, INBAND", "both, BOTH"})
  void dtmfMethodNamesIncludeRfc2833AsRfc4733(String written, DtmfMethod expected) {
    assertEquals(expected, parse("media: {dtmf: {method: " + written + "}}").dtmf().method());
  }

  @ParameterizedTest(name = "{0} → {1}-{2}")
  @CsvSource({
      "10000-20000, 10000, 19999",   // the original: odd count
      "10001-20000, 10002, 19999",   // odd start and, after it, an odd count
      "10001-20002, 10002, 20001",   // odd start only
      "'[10000, 10002]', 10000, 10001",
  })
  void rangeIsNarrowedToEvenStartAndEvenCountWithOneWarning(String written, int min, int max) {
    MediaConfig m = parse("media: {rtp_port_range: " + written + "}");
    assertEquals(min, m.rtpPortMin());
    assertEquals(max, m.rtpPortMax());
    assertEquals(1, logged.size(), "one log line");
    LogRecord line = logged.get(0);
    assertEquals(Level.WARNING, line.getLevel());
    assertTrue(line.getMessage().startsWith("media.rtp_port_range "), line.getMessage());
    assertTrue(line.getMessage().contains("using " + min + "-" + max), line.getMessage());
  }

  @Test
  void aRangeAsWrittenLogsNothing() {
    MediaConfig m = parse("media: {rtp_port_range: 10000-19999}");
    assertEquals(19999, m.rtpPortMax());
    assertEquals(List.of(), logged);
  }

  private static MediaConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, Map.of()).media();
  }
}
