package io.voicegateway.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionCounter;
import io.voicegateway.it.GatewayFixture;
import io.voicegateway.it.support.GatewayUnderTest;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The stack's stateless 400 over UDP is no reflection amplifier: it carries no copy of the request (JAIN-SIP's
 * own echoes it as {@code message/sipfrag} when both fit in 1,300 bytes, about twice what a spoofer sends), and its
 * reason phrase, which quotes the bad header, is cut. Also checks that the 400 and an ordinary 200 are counted in {@code vg_sip_responses_total}.
 */
class BadRequestReflectionTest {
  @Test
  void malformedRequestsGetA400NoLargerThanWhatTheySaid() throws Exception {
    try (GatewayFixture gw = GatewayFixture.start("");
         DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
      peer.setSoTimeout(20_000); // a bound for a broken gateway, not a wait: the 400 comes at once
      InetSocketAddress sip = new InetSocketAddress("127.0.0.1", gw.sipPort());

      String small = malformed(peer.getLocalPort(), "small", "");
      String answer = exchange(peer, sip, small);
      assertTrue(answer.startsWith("SIP/2.0 400 "), answer);
      assertFalse(answer.contains("sipfrag"), answer);
      assertTrue(answer.endsWith("Content-Length: 0\r\n\r\n"), answer);
      assertTrue(answer.length() <= small.length() * 5 / 4, answer.length() + " bytes for a " + small.length()
          + "-byte request: " + answer);

      String large = malformed(peer.getLocalPort(), "large", "X-Pad: " + "a".repeat(10_000) + "\r\n");
      assertTrue(large.length() > 10_000);
      String big = exchange(peer, sip, large);
      assertTrue(big.startsWith("SIP/2.0 400 "), big);
      assertTrue(big.length() < 600, big.length() + " bytes for a " + large.length() + "-byte request: " + big);

      String options = "OPTIONS sip:" + "127.0.0.1:" + gw.sipPort() + " SIP/2.0\r\n" + via(peer.getLocalPort(), "ok")
          + "Max-Forwards: 70\r\nTo: <sip:gw@127.0.0.1>\r\nFrom: <sip:probe@127.0.0.1>;tag=9\r\n"
          + "Call-ID: ok@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
      assertTrue(exchange(peer, sip, options).startsWith("SIP/2.0 200 "));

      String longReason = malformed(peer.getLocalPort(), "reason", "").replace("CSeq: one", "CSeq: " + "9x".repeat(500));
      String cut = exchange(peer, sip, longReason);
      assertTrue(cut.indexOf("\r\n") <= StatelessBadRequest.MAX_STATUS_LINE, cut);

      assertTrue(GatewayUnderTest.eventually(20, () -> responses(gw, "OPTIONS", "4xx") == 3));
      assertTrue(GatewayUnderTest.eventually(20, () -> responses(gw, "OPTIONS", "2xx") == 1));
      assertEquals(0, responses(gw, "INVITE", "4xx"));
    }
  }

  private static double responses(GatewayFixture gw, String method, String cls) {
    FunctionCounter c = gw.gateway().metrics().registry().find("vg_sip_responses")
        .tags("direction", "sent", "method", method, "class", cls).functionCounter();
    return c == null ? -1 : c.count();
  }

  /** An OPTIONS whose CSeq number is not a number: the parser refuses it, the stack answers 400 statelessly. */
  private static String malformed(int port, String id, String extra) {
    return "OPTIONS sip:gw@127.0.0.1 SIP/2.0\r\n" + via(port, id) + "Max-Forwards: 70\r\n"
        + "To: <sip:gw@127.0.0.1>\r\nFrom: <sip:probe@127.0.0.1>;tag=9\r\nCall-ID: " + id + "@127.0.0.1\r\n"
        + "CSeq: one OPTIONS\r\n" + extra + "Content-Length: 0\r\n\r\n";
  }

  private static String via(int port, String id) {
    return "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-" + id + ";rport\r\n";
  }

  private static String exchange(DatagramSocket peer, InetSocketAddress to, String request) throws Exception {
    byte[] out = request.getBytes(StandardCharsets.US_ASCII);
    peer.send(new DatagramPacket(out, out.length, to));
    DatagramPacket in = new DatagramPacket(new byte[65_535], 65_535);
    peer.receive(in);
    return new String(in.getData(), 0, in.getLength(), StandardCharsets.ISO_8859_1);
  }
}
