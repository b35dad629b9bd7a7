package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import gov.nist.javax.sip.message.SIPMessage;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every RFC 4475 torture message through JAIN-SIP's parser and {@link RequestChecks}. The table records, per
 * file, what happens: PARSE_ERROR (the stack rejects it before us), RESPONSE (a response, not ours to check),
 * ACCEPT (we would process it) or the status RequestChecks answers. For the messages the RFC calls valid the
 * outcome is what the RFC requires; for the invalid ones it pins down how liberal we are.
 */
class RequestChecksRfc4475Test {

  private static final RequestChecks CHECKS = RequestChecks.defaults();

  @ParameterizedTest(name = "{0} ({1}) -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      wsinv      | valid   | ACCEPT
      intmeth    | valid   | ACCEPT
      esc01      | valid   | ACCEPT
      escnull    | valid   | ACCEPT
      esc02      | valid   | ACCEPT
      lwsdisp    | valid   | ACCEPT
      longreq    | valid   | ACCEPT
      dblreq     | valid   | ACCEPT
      semiuri    | valid   | ACCEPT
      transports | valid   | ACCEPT
      mpart01    | valid   | ACCEPT
      unreason   | valid   | RESPONSE
      noreason   | valid   | RESPONSE
      badinv01   | invalid | PARSE_ERROR
      clerr      | invalid | PARSE_ERROR
      ncl        | invalid | PARSE_ERROR
      scalar02   | invalid | PARSE_ERROR
      scalarlg   | invalid | PARSE_ERROR
      quotbal    | invalid | PARSE_ERROR
      ltgtruri   | invalid | PARSE_ERROR
      lwsruri    | invalid | PARSE_ERROR
      lwsstart   | invalid | ACCEPT
      trws       | invalid | ACCEPT
      escruri    | invalid | ACCEPT
      baddate    | invalid | ACCEPT
      regbadct   | invalid | ACCEPT
      badaspec   | invalid | ACCEPT
      baddn      | invalid | ACCEPT
      badvers    | invalid | 505
      mismatch01 | invalid | 400
      mismatch02 | invalid | 400
      bigcode    | invalid | PARSE_ERROR
      badbranch  | valid   | ACCEPT
      insuf      | invalid | 400
      unkscm     | valid   | 416
      novelsc    | valid   | 416
      unksm2     | valid   | ACCEPT
      bext01     | valid   | 420
      invut      | valid   | 415
      regaut01   | valid   | ACCEPT
      multi01    | invalid | ACCEPT
      mcl01      | invalid | ACCEPT
      bcast      | valid   | RESPONSE
      zeromf     | valid   | ACCEPT
      cparam01   | valid   | ACCEPT
      cparam02   | valid   | ACCEPT
      regescrt   | valid   | ACCEPT
      sdp01      | valid   | 406
      inv2543    | valid   | ACCEPT
      test       | none    | PARSE_ERROR
      """)
  void tortureMessage(String name, String rfcClass, String expected) throws IOException {
    // Notes on the liberal ACCEPTs of invalid messages: JAIN-SIP ignores extra SP in the request line (lwsstart,
    // trws), drops an escaped header in the Request-URI (escruri) and keeps an unparsable Date as an unknown
    // header (baddate). The parser keeps one of each duplicated header (multi01, mcl01): RawMessageCheck refuses
    // those before it in the stack. It reports SIP/2.0 for any version; the stack puts the real one back (badvers).
    assertEquals(expected, outcome(load(name)), name + " (" + rfcClass + ")");
  }

  @Test
  void bext01ListsEveryUnsupportedOptionFromRequireAndProxyRequire() throws Exception {
    RequestRejection r = CHECKS.check(request("bext01")).orElseThrow();
    assertEquals(420, r.status());
    assertEquals(Map.of("Unsupported",
        "nothingSupportsThis, nothingSupportsThisEither, noProxiesSupportThis, norDoAnyProxiesSupportThis"),
        r.headers());
  }

  @Test
  void invutAndSdp01TellWhatWeAccept() throws Exception {
    assertEquals(Map.of("Accept", "application/sdp"), CHECKS.check(request("invut")).orElseThrow().headers());
    assertEquals(Map.of("Accept", "application/sdp"), CHECKS.check(request("sdp01")).orElseThrow().headers());
  }

  @Test
  void zeroMaxForwardsIsProcessedAsUasButNotForwarded() throws Exception {
    Request zeromf = request("zeromf");
    assertEquals(0, ((MaxForwardsHeader) zeromf.getHeader(MaxForwardsHeader.NAME)).getMaxForwards());
    assertEquals(Optional.empty(), CHECKS.check(zeromf));
    assertEquals(483, CHECKS.checkForwarding(zeromf).orElseThrow().status());
    assertEquals(Optional.empty(), CHECKS.checkForwarding(request("wsinv")), "Max-Forwards 0068 is 68");
  }

  @Test
  void framingFollowsContentLength() throws Exception {
    Request dblreq = request("dblreq");
    assertEquals(Request.REGISTER, dblreq.getMethod());
    assertEquals(0, dblreq.getContentLength().getContentLength(), "the trailing INVITE is noise, not a body");
    SIPMessage mpart = (SIPMessage) request("mpart01");
    assertEquals(mpart.getContentLength().getContentLength(), mpart.getRawContent().length);
  }

  @Test
  void copiesAreByteExact() throws Exception {
    // SHA-256 from the RFC 4475 INDEX: the CRLF message and the one with a binary body part.
    assertEquals("d6f6cdee99cd0a1f8e3d9a0fdd67c877700e19ab86d8186dada06f61260e3e61", sha256(load("wsinv")));
    assertEquals("92147c8e24997bac59629e1b163767697d0d6d499af87f89e325d69968bec3ba", sha256(load("mpart01")));
  }

  private static String outcome(byte[] datagram) {
    SIPMessage message;
    try {
      message = StackLikeParser.parse(datagram);
    } catch (ParseException | RuntimeException e) {
      return "PARSE_ERROR";
    }
    if (!(message instanceof Request request)) {
      return "RESPONSE";
    }
    return CHECKS.check(request).map(r -> String.valueOf(r.status())).orElse("ACCEPT");
  }

  private static Request request(String name) throws IOException, ParseException {
    SIPMessage message = StackLikeParser.parse(load(name));
    assertFalse(message == null);
    return (Request) message;
  }

  static byte[] load(String name) throws IOException {
    try (InputStream in = RequestChecksRfc4475Test.class.getResourceAsStream("/rfc4475/" + name + ".dat")) {
      assertNotNull(in, name);
      return in.readAllBytes();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
