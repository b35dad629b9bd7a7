package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sip.SipFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Before the gateway's media is warm, new calls and out-of-dialog OPTIONS get 503 with Retry-After; REGISTER and
 * requests inside a dialog are served; once open, nothing is refused.
 */
class StartGateTest {
  private MessageFactory messages;
  private StartGate gate;

  @BeforeEach
  void setUp() throws Exception {
    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    messages = factory.createMessageFactory();
    HeaderFactory headers = factory.createHeaderFactory();
    gate = new StartGate(messages, headers);
  }

  private Request request(String method, String toTag) throws Exception {
    return messages.createRequest(method + " sip:echo@127.0.0.1:5070 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK" + method + "\r\nMax-Forwards: 70\r\n"
        + "From: <sip:alice@127.0.0.1:5080>;tag=f1\r\nTo: <sip:echo@127.0.0.1:5070>"
        + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
        + "Call-ID: gate-1@127.0.0.1\r\nCSeq: 1 " + method + "\r\nContact: <sip:127.0.0.1:5080>\r\n"
        + "Content-Length: 0\r\n\r\n");
  }

  @Test
  void aNewCallBeforeTheGateOpensGets503WithRetryAfterAndATag() throws Exception {
    Response refusal = gate.refusal(request(Request.INVITE, null)).orElseThrow();
    assertEquals(Response.SERVICE_UNAVAILABLE, refusal.getStatusCode());
    assertEquals(StartGate.RETRY_AFTER_SECONDS,
        ((RetryAfterHeader) refusal.getHeader(RetryAfterHeader.NAME)).getRetryAfter());
    assertTrue(refusal.getReasonPhrase().contains("starting"), refusal.getReasonPhrase());
    assertTrue(((ToHeader) refusal.getHeader(ToHeader.NAME)).getTag() != null, "a final response has a To tag");
  }

  @Test
  void anOptionsProbeIsRefusedLikeADrainingNodesUntilOpen() throws Exception {
    assertEquals(Response.SERVICE_UNAVAILABLE,
        gate.refusal(request(Request.OPTIONS, null)).orElseThrow().getStatusCode());
  }

  @Test
  void registrationsAndInDialogRequestsAreServedWhileStarting() throws Exception {
    assertTrue(gate.refusal(request(Request.REGISTER, null)).isEmpty());
    assertTrue(gate.refusal(request(Request.INVITE, "t1")).isEmpty(), "a re-INVITE");
    assertTrue(gate.refusal(request(Request.OPTIONS, "t1")).isEmpty(), "a session keepalive");
    assertTrue(gate.refusal(request(Request.BYE, "t1")).isEmpty());
  }

  @Test
  void onceOpenNothingIsRefusedAndTheRefusalsSoFarAreCounted() throws Exception {
    gate.refusal(request(Request.INVITE, null));
    gate.refusal(request(Request.OPTIONS, null));
    gate.refusal(request(Request.REGISTER, null));
    assertFalse(gate.isOpen());
    assertEquals(2, gate.open());
    assertTrue(gate.isOpen());
    assertTrue(gate.refusal(request(Request.INVITE, null)).isEmpty());
    assertTrue(gate.refusal(request(Request.OPTIONS, null)).isEmpty());
  }
}
