package io.voicegateway.sip.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatelessBadRequestTest {
  private static final String ECHOING = "SIP/2.0 400 Bad Request (Bad header)\r\n"
      + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\nCSeq: 1 OPTIONS\r\nCall-ID: x@192.0.2.1\r\n"
      + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=badreq\r\nServer: x\r\n"
      + "Content-Type: message/sipfrag\r\nContent-Length: 18\r\n\r\nOPTIONS sip:c@d...";

  @Test
  void theEchoedRequestIsCutAndTheMatchingHeadersKept() {
    String out = new String(StatelessBadRequest.withoutBody(ECHOING.getBytes(StandardCharsets.ISO_8859_1)),
        StandardCharsets.ISO_8859_1);
    assertTrue(out.startsWith("SIP/2.0 400 Bad Request (Bad header)\r\nVia: SIP/2.0/UDP 192.0.2.1:5060"), out);
    assertTrue(out.endsWith("Server: x\r\nContent-Length: 0\r\n\r\n"), out);
    assertFalse(out.contains("sipfrag"), out);
    assertFalse(out.contains("OPTIONS sip:"), out);
    assertEquals("OPTIONS", StatelessBadRequest.method(out.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void aLongReasonIsCut() {
    String echoing = ECHOING.replace("(Bad header)", "(" + "x".repeat(2000) + ")");
    String out = new String(StatelessBadRequest.withoutBody(echoing.getBytes(StandardCharsets.ISO_8859_1)),
        StandardCharsets.ISO_8859_1);
    assertEquals(StatelessBadRequest.MAX_STATUS_LINE, out.indexOf("\r\n"), out);
    assertTrue(out.substring(0, out.indexOf("\r\n")).endsWith("...)"), out);
  }

  @Test
  void otherMessagesPassUnchanged() {
    byte[] ok = "SIP/2.0 200 OK\r\nContent-Type: message/sipfrag\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);
    assertSame(ok, StatelessBadRequest.withoutBody(ok));
    byte[] ping = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(ping, StatelessBadRequest.withoutBody(ping));
  }
}
