package io.voicegateway.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RawMessageCheckTest {
  private static Optional<String> check(String text) {
    return RawMessageCheck.check(text.getBytes(StandardCharsets.ISO_8859_1)).map(RawMessageCheck.Fault::detail);
  }

  private static Optional<String> file(String name) throws Exception {
    try (InputStream in = RawMessageCheckTest.class.getResourceAsStream("/rfc4475/" + name + ".dat")) {
      return RawMessageCheck.check(in.readAllBytes()).map(RawMessageCheck.Fault::detail);
    }
  }

  @Test
  void rfc4475FaultsTheParserHides() throws Exception {
    assertEquals(Optional.empty(), file("badvers"), "a version is answered 505 after parsing, not refused here");
    assertEquals(Optional.of("duplicate cseq header"), file("multi01"));
    assertEquals(Optional.of("duplicate content-length header"), file("mcl01"));
  }

  @Test
  void validTortureMessagesPass() throws Exception {
    for (String name : new String[] {"wsinv", "intmeth", "esc01", "longreq", "dblreq", "mpart01", "transports",
        "lwsstart", "trws", "inv2543", "unreason", "bigcode"}) {
      assertEquals(Optional.empty(), file(name), name);
    }
  }

  @Test
  void compactAndLongFormsCountAsOneHeaderAndFoldingIsIgnored() {
    assertEquals(Optional.of("duplicate from header"),
        check("OPTIONS sip:a@b SIP/2.0\r\nFrom: <sip:x@y>;tag=1\r\nf: <sip:z@y>;tag=2\r\n\r\n"));
    assertEquals(Optional.empty(),
        check("OPTIONS sip:a@b SIP/2.0\r\nTo: <sip:x@y>\r\n  ;p=1\r\nVia: a\r\nVia: b\r\n\r\n"));
  }

  @Test
  void aReferCarriesOneReferTo() {
    assertEquals(Optional.of("duplicate refer-to header"),
        check("REFER sip:a@b SIP/2.0\r\nRefer-To: <sip:c@d>\r\nr: <sip:e@d>\r\n\r\n"));
    assertEquals(Optional.empty(), check("REFER sip:a@b SIP/2.0\r\nRefer-To: <sip:c@d>\r\n\r\n"));
  }

  @Test
  void headersInTheBodyAreNotCounted() {
    assertEquals(Optional.empty(),
        check("MESSAGE sip:a@b SIP/2.0\r\nCall-ID: 1\r\nContent-Length: 12\r\n\r\nCall-ID: 2\r\n"));
  }

  @Test
  void theVersionTheParserHidesIsPutBack() throws Exception {
    byte[] badvers;
    try (InputStream in = RawMessageCheckTest.class.getResourceAsStream("/rfc4475/badvers.dat")) {
      badvers = in.readAllBytes();
    }
    assertEquals(Optional.of("SIP/7.0"), RawMessageCheck.otherVersion(badvers));
    SIPMessage parsed = new StringMsgParser().parseSIPMessage(badvers, true, false, null);
    assertEquals("SIP/2.0", parsed.getSIPVersion(), "what the parser reports");
    assertEquals("SIP/7.0", RawMessageCheck.keepVersion(badvers, parsed).getSIPVersion());
    byte[] options = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII);
    assertEquals(Optional.empty(), RawMessageCheck.otherVersion(options));
    assertEquals(Optional.empty(), RawMessageCheck.otherVersion("SIP/2.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void controlCharactersInTheHeadersAreBinaryJunk() {
    assertEquals(Optional.of("control character 0x00 in the header section"),
        check("OPTIONS sip:a@b SIP/2.0\r\nSubject: a\u0000b\r\n\r\n"));
    assertEquals(Optional.of("control character 0x1b in the header section"),
        check("OPTIONS sip:a@b SIP/2.0\r\nFrom: \u001b[31m <sip:x@y>\r\n\r\n"));
    assertEquals(Optional.empty(), check("OPTIONS sip:a@b SIP/2.0\r\nSubject: a\tb\r\n\r\n\u0000\u0001 body"),
        "tabs are whitespace and a body may be binary");
  }
}
