package io.voicegateway.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.ParseException;
import org.junit.jupiter.api.Test;

class ParseFaultReasonTest {

  @Test
  void aQuotedHeaderBecomesOnePrintableLine() {
    ParseException raw = new ParseException("Content-Length: -999\r\n:For input string: \"\"", 7);
    ParseException clean = ParseFaultReason.oneLine(raw);
    assertEquals("Content-Length: -999  :For input string: \"\"", clean.getMessage());
    assertEquals(7, clean.getErrorOffset());
    assertSame(raw, clean.getCause());
  }

  @Test
  void aLongMessageIsCut() {
    String reason = ParseFaultReason.oneLine(new ParseException("x".repeat(5000), 0)).getMessage();
    assertEquals(ParseFaultReason.MAX_LENGTH + 3, reason.length());
    assertTrue(reason.endsWith("..."));
  }

  @Test
  void aCleanMessageIsKept() {
    ParseException raw = new ParseException("duplicate call-id header", 0);
    assertSame(raw, ParseFaultReason.oneLine(raw));
  }
}
