package io.voicegateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.config.ConfigLoader;
import io.voicegateway.config.GatewayConfig;
import io.voicegateway.testing.FreePorts;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bind failure at start-up names the socket; anything else passes through untouched. */
class SocketBindExceptionTest {

  @Test
  void ofSeveralSipSocketsTheOneInUseIsNamedWithItsKey() throws Exception {
    int sipPort = FreePorts.udpAndTcp();
    GatewayConfig config = config(sipPort);
    try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", sipPort))) {
      // JAIN-SIP's own wording: it does not say which transport
      Throwable failure = new javax.sip.TransportNotSupportedException("Address already in use");
      Throwable named = SocketBindException.explain("sip", failure, ListeningSocket.of(config));
      SocketBindException e = (SocketBindException) named;
      assertEquals(List.of("SIP udp 127.0.0.1:" + sipPort), e.sockets());
      assertTrue(e.getMessage().startsWith("cannot listen on SIP udp 127.0.0.1:" + sipPort
          + ": Address already in use"), e.getMessage());
      assertTrue(e.getMessage().endsWith("change media.sip_port"), e.getMessage());
      assertSame(failure, e.getCause());
    }
  }

  @Test
  void httpAndBridgeNameTheirOwnKeys() {
    GatewayConfig config = config(FreePorts.udpAndTcp());
    Throwable cause = new RuntimeException(new BindException("Address already in use"));
    assertTrue(SocketBindException.explain("http", cause, ListeningSocket.of(config)).getMessage()
        .contains("HTTP tcp 127.0.0.1:" + config.http().port() + ": Address already in use; another process may hold"
            + " it: stop it or change http.port"));
    assertTrue(SocketBindException.explain("bridge", cause, ListeningSocket.of(config)).getMessage()
        .contains("BUS tcp 127.0.0.1:" + config.bridge().tcpPort()));
  }

  @Test
  void otherFailuresAndVerticlesWithoutSocketsPassThrough() {
    GatewayConfig config = config(FreePorts.udpAndTcp());
    Throwable other = new IllegalStateException("no codec");
    assertSame(other, SocketBindException.explain("sip", other, ListeningSocket.of(config)));
    Throwable bind = new BindException("Address already in use");
    assertSame(bind, SocketBindException.explain("apps", bind, ListeningSocket.of(config)));
  }

  private static GatewayConfig config(int sipPort) {
    return ConfigLoader.parse("media: {sip_port: " + sipPort + ", bind_address: 127.0.0.1}\n"
        + "http: {host: 127.0.0.1, port: " + FreePorts.udpAndTcp() + "}\n"
        + "bridge: {tcp_port: " + FreePorts.udpAndTcp() + "}\n", Map.of());
  }
}
