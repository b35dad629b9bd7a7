package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.sip.SipFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ViaAddressTest {
  private static Request bye(String viaHost) throws Exception {
    MessageFactory messages = SipFactory.getInstance().createMessageFactory();
    return messages.createRequest("BYE sip:alice@192.0.2.7:5070;transport=tcp SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP " + viaHost + ":5060;branch=z9hG4bK-1\r\nMax-Forwards: 70\r\n"
        + "From: <sip:gw@192.0.2.1>;tag=a\r\nTo: <sip:alice@192.0.2.7>;tag=b\r\nCall-ID: c1\r\nCSeq: 2 BYE\r\n"
        + "Content-Length: 0\r\n\r\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "[::]", "[0:0:0:0:0:0:0:0]"})
  void theBindAddressBecomesOurPublicAddressKeepingPortTransportAndBranch(String bound) throws Exception {
    Request bye = bye(bound);
    ViaAddress.fill(bye, "203.0.113.5");
    ViaHeader via = (ViaHeader) bye.getHeader(ViaHeader.NAME);
    assertEquals("203.0.113.5", via.getHost());
    assertEquals(5060, via.getPort());
    assertEquals("TCP", via.getTransport());
    assertEquals("z9hG4bK-1", via.getBranch());
    assertEquals("SIP/2.0/TCP 203.0.113.5:5060;branch=z9hG4bK-1", via.toString().replace("Via: ", "").strip());
  }

  @Test
  void aRealAddressStays() throws Exception {
    Request bye = bye("192.0.2.1");
    ViaAddress.fill(bye, "203.0.113.5");
    assertEquals("192.0.2.1", ((ViaHeader) bye.getHeader(ViaHeader.NAME)).getHost());
    Request named = bye("gw.example.com");
    ViaAddress.fill(named, "203.0.113.5");
    assertEquals("gw.example.com", ((ViaHeader) named.getHeader(ViaHeader.NAME)).getHost());
  }
}
