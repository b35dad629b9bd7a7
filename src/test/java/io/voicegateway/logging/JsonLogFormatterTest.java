package io.voicegateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {
  private final JsonLogFormatter formatter = new JsonLogFormatter();
  private final ObjectMapper mapper = new ObjectMapper();

  private static LogRecord record(Level level, String message, Object... params) {
    LogRecord r = new LogRecord(level, message);
    r.setLoggerName("io.voicegateway.sip.SipMessages");
    r.setInstant(Instant.parse("2026-12-04T11:00:00.123Z"));
    r.setParameters(params.length == 0 ? null : params);
    return r;
  }

  @Test
  void oneObjectPerLineWithTheFieldsAShipperIndexes() throws Exception {
    String line = formatter.format(record(Level.WARNING, "call {0} failed", "c1"));
    assertTrue(line.endsWith(System.lineSeparator()));
    assertEquals(1, line.strip().lines().count());
    JsonNode json = mapper.readTree(line);
    assertEquals("2026-12-04T11:00:00.123Z", json.get("timestamp").asText());
    assertEquals("WARNING", json.get("level").asText());
    assertEquals("io.voicegateway.sip.SipMessages", json.get("logger").asText());
    assertEquals(Thread.currentThread().getName(), json.get("thread").asText());
    assertEquals("call c1 failed", json.get("message").asText());
    assertNull(json.get("exception"));
    assertNull(json.get("callId"));
  }

  @Test
  void anExceptionIsOneStringFieldAndControlCharactersAreEscaped() throws Exception {
    LogRecord r = record(Level.SEVERE, "bad \"bytes\"\n\u0000\u001b[31m");
    r.setThrown(new IllegalStateException("boom"));
    String line = formatter.format(r);
    assertEquals(1, line.strip().lines().count(), "a stack trace does not break the line");
    JsonNode json = mapper.readTree(line);
    assertEquals("bad \"bytes\"\n\u0000\u001b[31m", json.get("message").asText());
    assertTrue(json.get("exception").asText().startsWith("java.lang.IllegalStateException: boom"));
    assertTrue(json.get("exception").asText().contains("\tat io.voicegateway.logging.JsonLogFormatterTest"));
  }

  @Test
  void theCallIdOfTheMessageInHandIsWritten() throws Exception {
    String[] line = new String[1];
    LogContext.withCallId("abc@host", () -> line[0] = formatter.format(record(Level.INFO, "ringing")));
    assertEquals("abc@host", mapper.readTree(line[0]).get("callId").asText());
    assertNull(LogContext.callId(), "restored after");
    assertFalse(formatter.format(record(Level.INFO, "later")).contains("callId"));
  }
}
