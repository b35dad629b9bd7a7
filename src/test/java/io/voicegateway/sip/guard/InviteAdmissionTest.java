package io.voicegateway.sip.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.parser.StringMsgParser;
import io.voicegateway.config.LimitsConfig;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.SipFactory;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

class InviteAdmissionTest {
  private static final String INVITE = "INVITE sip:echo@192.0.2.9 SIP/2.0\r\n"
      + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n"
      + "Max-Forwards: 70\r\nTo: <sip:echo@192.0.2.9>\r\nFrom: <sip:alice@example.com>;tag=1928301774\r\n"
      + "Call-ID: a84b4c76e66710@192.0.2.1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";

  @Test
  void overloadAnswers503WithRetryAfterAndOpenAdmitsAll() throws Exception {
    Request invite = (Request) new StringMsgParser().parseSIPMessage(INVITE.getBytes(StandardCharsets.UTF_8), true,
        false, null);
    AtomicInteger freePorts = new AtomicInteger(0);
    OverloadGuard overload = new OverloadGuard(LimitsConfig.defaults(),
        new OverloadGuard.Signals(freePorts::get, 100, () -> 0, () -> 0), new FakeNanos());
    SipFactory sip = SipFactory.getInstance();
    InviteAdmission admission = new InviteAdmission(overload, sip.createMessageFactory(), sip.createHeaderFactory());

    Response busy = admission.refusal(invite).orElseThrow();
    assertEquals(Response.SERVICE_UNAVAILABLE, busy.getStatusCode());
    assertEquals(5, ((RetryAfterHeader) busy.getHeader(RetryAfterHeader.NAME)).getRetryAfter());
    assertNotNull(((ToHeader) busy.getHeader(ToHeader.NAME)).getTag());
    assertTrue(busy.getReasonPhrase().contains("ports"), busy.getReasonPhrase());

    freePorts.set(100);
    assertTrue(admission.refusal(invite).isEmpty());
    assertTrue(InviteAdmission.OPEN.refusal(invite).isEmpty());
    assertEquals(1, overload.refused());
  }
}
