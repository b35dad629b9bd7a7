package io.voicegateway.sip.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.parser.StringMsgParser;
import io.voicegateway.config.LimitsConfig;
import io.voicegateway.control.route.SourceClassifier;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

  private static Request invite() throws Exception {
    return (Request) new StringMsgParser().parseSIPMessage(INVITE.getBytes(StandardCharsets.UTF_8), true, false,
        null);
  }

  @Test
  void overloadAnswers503WithRetryAfterAndOpenAdmitsAll() throws Exception {
    Request invite = invite();
    InetAddress caller = InetAddress.getByName("192.0.2.1");
    AtomicInteger freePorts = new AtomicInteger(0);
    OverloadGuard overload = new OverloadGuard(LimitsConfig.defaults(),
        new OverloadGuard.Signals(freePorts::get, 100, () -> 0, () -> 0), new FakeNanos());
    SipFactory sip = SipFactory.getInstance();
    InviteAdmission admission = new InviteAdmission(overload, null, sip.createMessageFactory(),
        sip.createHeaderFactory());

    Response busy = admission.admit(invite, caller).refusal();
    assertEquals(Response.SERVICE_UNAVAILABLE, busy.getStatusCode());
    assertEquals(5, ((RetryAfterHeader) busy.getHeader(RetryAfterHeader.NAME)).getRetryAfter());
    assertNotNull(((ToHeader) busy.getHeader(ToHeader.NAME)).getTag());
    assertTrue(busy.getReasonPhrase().contains("ports"), busy.getReasonPhrase());

    freePorts.set(100);
    assertTrue(admission.admit(invite, caller).admitted());
    assertTrue(InviteAdmission.OPEN.admit(invite, caller).admitted());
    assertEquals(1, overload.refused());
  }

  @Test
  void anUntrustedSourceOverItsCallCapGets503UntilACallEnds() throws Exception {
    Request invite = invite();
    InetAddress stranger = InetAddress.getByName("192.0.2.1");
    SourceCallCap cap = new SourceCallCap(new TrustedSources(new SourceClassifier(List.of())), () -> 2);
    SipFactory sip = SipFactory.getInstance();
    InviteAdmission admission = new InviteAdmission(null, cap, sip.createMessageFactory(),
        sip.createHeaderFactory());

    InviteAdmission.Decision first = admission.admit(invite, stranger);
    InviteAdmission.Decision second = admission.admit(invite, stranger);
    InviteAdmission.Decision third = admission.admit(invite, stranger);
    assertTrue(first.admitted() && second.admitted());
    assertFalse(third.admitted());
    assertEquals(Response.SERVICE_UNAVAILABLE, third.refusal().getStatusCode());
    assertEquals(5, ((RetryAfterHeader) third.refusal().getHeader(RetryAfterHeader.NAME)).getRetryAfter());
    assertTrue(third.refusal().getReasonPhrase().contains("too many calls"), third.refusal().getReasonPhrase());
    assertEquals(1, cap.refused());

    first.slot().release();
    assertTrue(admission.admit(invite, stranger).admitted(), "a call that ended gives its slot back");
    assertEquals(2, cap.active(stranger));
  }

  @Test
  void anInviteWithoutALiteralSourceTakesNoSlot() throws Exception {
    SourceCallCap cap = new SourceCallCap(new TrustedSources(new SourceClassifier(List.of())), () -> 1);
    SipFactory sip = SipFactory.getInstance();
    InviteAdmission admission = new InviteAdmission(null, cap, sip.createMessageFactory(),
        sip.createHeaderFactory());
    assertSame(SourceCallCap.Slot.NONE, admission.admit(invite(), null).slot());
    assertEquals(0, cap.active());
  }
}
