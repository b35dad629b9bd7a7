package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SipfragTest {

  @Test
  void statusLinesCarryTheStandardReasonPhrase() {
    assertEquals("SIP/2.0 100 Trying", Sipfrag.statusLine(100));
    assertEquals("SIP/2.0 180 Ringing", Sipfrag.statusLine(180));
    assertEquals("SIP/2.0 200 OK", Sipfrag.statusLine(200));
    // JAIN-SIP's phrases are not always title case ("Not found"); a reason phrase is free text anyway.
    assertEquals("sip/2.0 486 busy here", Sipfrag.statusLine(486).toLowerCase(java.util.Locale.ROOT));
    assertEquals("sip/2.0 404 not found", Sipfrag.statusLine(404).toLowerCase(java.util.Locale.ROOT));
    assertEquals("SIP/2.0 699 Unknown Status", Sipfrag.statusLine(699));
  }

  @Test
  void theStatusOfABodyIsItsFirstLine() {
    assertEquals(OptionalInt.of(200), Sipfrag.status("SIP/2.0 200 OK\r\n"));
    assertEquals(OptionalInt.of(180), Sipfrag.status("SIP/2.0 180 Ringing"));
    assertEquals(OptionalInt.of(503), Sipfrag.status("  sip/2.0 503 Service Unavailable\r\nRetry-After: 5\r\n"));
    assertEquals(OptionalInt.of(200), Sipfrag.status("SIP/2.0 200"), "the reason phrase may be empty");
  }

  @Test
  void anythingElseHasNoStatus() {
    assertEquals(OptionalInt.empty(), Sipfrag.status(null));
    assertEquals(OptionalInt.empty(), Sipfrag.status(""));
    assertEquals(OptionalInt.empty(), Sipfrag.status("INVITE sip:bob@example.com SIP/2.0"));
    assertEquals(OptionalInt.empty(), Sipfrag.status("SIP/2.0 2000 OK"));
    assertEquals(OptionalInt.empty(), Sipfrag.status("SIP/2.0 099 Low"));
    assertEquals(OptionalInt.empty(), Sipfrag.status("SIP/2.0 abc OK"));
    assertEquals(OptionalInt.empty(), Sipfrag.status("HTTP/1.1 200 OK"));
  }
}
