package io.voicegateway.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.header.SIPHeader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.sip.SipFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.WarningHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

class WarningTextTest {
  private static final HeaderFactory HEADERS;
  private static final MessageFactory MESSAGES;

  static {
    try {
      HEADERS = SipFactory.getInstance().createHeaderFactory();
      MESSAGES = SipFactory.getInstance().createMessageFactory();
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Test
  void binaryAndBadlyDecodedTextMakesAWarningJainSipParses() throws Exception {
    Random random = new Random(4475);
    for (int i = 0; i < 2_000; i++) {
      byte[] junk = new byte[random.nextInt(300)];
      random.nextBytes(junk);
      for (String text : new String[] {new String(junk, StandardCharsets.UTF_8),
          new String(junk, StandardCharsets.ISO_8859_1), new String(junk, StandardCharsets.UTF_16BE)}) {
        String value = WarningText.header("192.0.2.1", text);
        WarningHeader warning = (WarningHeader) HEADERS.createHeader("Warning", value); // threw before
        assertEquals(399, warning.getCode());
        assertTrue(value.length() <= 220, value);
      }
    }
  }

  @Test
  void readableTextIsKeptAndQuotesCannotEndTheString() throws Exception {
    assertEquals("399 gw \"media failed: 'no port' / retry\"",
        WarningText.header("gw", "media failed: \"no port\" \\ retry"));
    assertEquals("Grüße ?? ok", WarningText.quotable("Grüße \u0001\u009b ok"));
    assertEquals("a ?b? c", WarningText.phrase("a <b> c"));
  }

  @Test
  void aReasonPhraseFromJunkStillEncodesAsOneStatusLine() throws Exception {
    Random random = new Random(7);
    Response response = MESSAGES.createResponse(
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\n"
            + "Call-ID: 1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
    for (int i = 0; i < 500; i++) {
      byte[] junk = new byte[random.nextInt(400)];
      random.nextBytes(junk);
      response.setReasonPhrase("Bad Request (" + WarningText.phrase(new String(junk, StandardCharsets.UTF_8)) + ")");
      String encoded = response.toString();
      String statusLine = encoded.substring(0, encoded.indexOf("\r\n"));
      assertTrue(encoded.startsWith("SIP/2.0 200 Bad Request ("), statusLine);
      assertEquals(-1, statusLine.indexOf('\n'));
      MESSAGES.createResponse(encoded); // reads back
    }
    assertTrue(((SIPHeader) HEADERS.createHeader("Warning", WarningText.header("gw", null))).encode()
        .startsWith("Warning: 399 gw"));
  }
}
