package io.voicegateway.sip.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import org.junit.jupiter.api.Test;

class SipTraceRecorderTest {
  private static final String INVITE = String.join("\r\n",
      "INVITE sip:echo@127.0.0.1:5060 SIP/2.0",
      "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1",
      "From: <sip:alice@127.0.0.1:5070>;tag=a1",
      "To: <sip:echo@127.0.0.1:5060>",
      "Call-ID: abc-123@127.0.0.1",
      "CSeq: 1 INVITE",
      "Max-Forwards: 70",
      "Content-Length: 0",
      "", "");

  @Test
  void recordsDirectionAddressesFirstLineAndCallId() throws Exception {
    SIPMessage invite = new StringMsgParser().parseSIPMessage(INVITE.getBytes(), true, false, null);
    SipTraceStore store = SipTraceStore.defaults();
    SipTraceRecorder recorder = new SipTraceRecorder(store);
    recorder.record(invite, "127.0.0.1:5070", "127.0.0.1:5060", false, 1234);
    recorder.record(((gov.nist.javax.sip.message.SIPRequest) invite).createResponse(100), "127.0.0.1:5060", "127.0.0.1:5070", true, 1235);

    var ladder = store.messages("abc-123@127.0.0.1");
    assertEquals(2, ladder.size());
    SipTraceEntry in = ladder.get(0);
    assertEquals("in", in.direction());
    assertEquals(1234, in.timeMs());
    assertEquals("127.0.0.1:5070", in.from());
    assertEquals("127.0.0.1:5060", in.to());
    assertEquals("INVITE sip:echo@127.0.0.1:5060 SIP/2.0", in.firstLine());
    assertTrue(in.message().contains("CSeq: 1 INVITE"));
    SipTraceEntry out = ladder.get(1);
    assertEquals("out", out.direction());
    assertEquals("SIP/2.0 100 Trying", out.firstLine());
    assertEquals("abc-123@127.0.0.1", out.toJson().getString("sipCallId"));
    assertEquals(0, recorder.failures());
  }
}
