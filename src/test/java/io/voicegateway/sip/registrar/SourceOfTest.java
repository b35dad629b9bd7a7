package io.voicegateway.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.voicegateway.testing.NistSip;
import java.lang.reflect.Proxy;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

class SourceOfTest {

  private static Request register(String via) throws Exception {
    return NistSip.messages().createRequest("REGISTER sip:gw SIP/2.0\r\nVia: " + via + "\r\nMax-Forwards: 70\r\n"
        + "From: <sip:a@gw>;tag=1\r\nTo: <sip:a@gw>\r\nCall-ID: x\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n");
  }

  @Test
  void withoutATransactionTheViaReceivedAndRportNameTheNatAddress() throws Exception {
    Request r = register("SIP/2.0/TCP 192.168.1.20:5060;branch=z9hG4bK1;received=198.51.100.7;rport=40312");
    assertEquals(new Source("198.51.100.7", 40312, "tcp"), SourceOf.request(r, null));
  }

  @Test
  void aSourceCapturedOnTheStacksThreadIsTheOneReadLater() throws Exception {
    Request r = register("SIP/2.0/UDP 127.0.0.1:30240;branch=z9hG4bK1;rport");
    Object[] data = new Object[1];
    ServerTransaction st = (ServerTransaction) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ServerTransaction.class}, (proxy, method, args) -> switch (method.getName()) {
          case "setApplicationData" -> {
            data[0] = args[0];
            yield null;
          }
          case "getApplicationData" -> data[0];
          default -> null;
        });
    SourceOf.capture(r, st);
    assertEquals(new Source("127.0.0.1", 30240, "udp"), SourceOf.request(r, st));
    data[0] = new Source("127.0.0.1", 41000, "udp"); // as captured when the stack had it
    assertEquals(new Source("127.0.0.1", 41000, "udp"), SourceOf.request(r, st), "the capture, not a new read");
  }

  @Test
  void withoutNatParametersTheViaSentByIsUsedWithTheDefaultPort() throws Exception {
    Request r = register("SIP/2.0/UDP 192.168.1.20;branch=z9hG4bK1");
    assertEquals(new Source("192.168.1.20", 5060, "udp"), SourceOf.request(r, null));
  }
}
