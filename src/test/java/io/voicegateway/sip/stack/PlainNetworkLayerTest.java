package io.voicegateway.sip.stack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import io.voicegateway.it.support.TestConfigs;
import io.voicegateway.testing.FreePorts;
import io.voicegateway.testing.SilentSipListener;
import java.lang.reflect.Field;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 13: a stack without TLS gets plain sockets and no JVM-wide SSL set-up; one with TLS keeps JAIN-SIP's. */
class PlainNetworkLayerTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void udpAndTcpStackUsesThePlainLayerAndNoSecurityManagerThatLoadsTrustStores() throws Exception {
    SipStackHandle sip = SipStackFactory.create(TestConfigs.media(FreePorts.udpAndTcp(), List.of("udp", "tcp"), null,
        null, List.of(), Duration.ofSeconds(30)), new SilentSipListener());
    try {
      SipStackImpl stack = (SipStackImpl) sip.stack();
      assertInstanceOf(PlainNetworkLayer.class, stack.getNetworkLayer());
      var provider = gov.nist.javax.sip.stack.SIPTransactionStack.class.getDeclaredField("securityManagerProvider");
      provider.setAccessible(true); // JAIN-SIP has no getter for it
      assertInstanceOf(NoTlsSecurityProvider.class, provider.get(stack));
    } finally {
      awaitUdpProcessorsRunning((SipStackImpl) sip.stack());
      sip.stack().stop();
    }
  }

  /**
   * JAIN-SIP's UDP processor makes its channel list on its own thread's first step, so a stack stopped right after
   * {@code start()} can meet a null list (an NPE in {@code UDPMessageProcessor.stop}); the gateway never stops that
   * early, this test would on a busy machine.
   */
  private static void awaitUdpProcessorsRunning(SipStackImpl stack) throws ReflectiveOperationException {
    Field channels = UDPMessageProcessor.class.getDeclaredField("messageChannels");
    channels.setAccessible(true); // JAIN-SIP has no getter for it
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      for (Iterator<?> points = stack.getListeningPoints(); points.hasNext(); ) {
        MessageProcessor p = ((ListeningPointImpl) points.next()).getMessageProcessor();
        if (p instanceof UDPMessageProcessor && channels.get(p) == null) {
          return false;
        }
      }
      return true;
    });
  }

  @Test
  void tcpSocketsBindWhereAskedAndConnect() throws Exception {
    PlainNetworkLayer layer = new PlainNetworkLayer();
    try (ServerSocket server = layer.createServerSocket(0, 5, LOOPBACK);
        Socket kernelPort = layer.createSocket(LOOPBACK, server.getLocalPort(), LOOPBACK);
        Socket anyAddress = layer.createSocket(LOOPBACK, server.getLocalPort(), null, 0);
        Socket plain = layer.createSocket(LOOPBACK, server.getLocalPort())) {
      assertEquals(LOOPBACK, server.getInetAddress());
      assertTrue(kernelPort.isConnected() && anyAddress.isConnected() && plain.isConnected());
      assertEquals(LOOPBACK, kernelPort.getLocalAddress());
      assertEquals(server.getLocalPort(), kernelPort.getPort());
    }
  }

  @Test
  void datagramSocketBindsTheGivenAddress() throws Exception {
    PlainNetworkLayer layer = new PlainNetworkLayer();
    try (DatagramSocket bound = layer.createDatagramSocket(0, LOOPBACK); DatagramSocket any = layer.createDatagramSocket()) {
      assertEquals(LOOPBACK, bound.getLocalAddress());
      assertTrue(bound.getLocalPort() > 0);
      assertFalse(any.isClosed());
    }
  }

  @Test
  void tlsIsRefusedLoudly() {
    PlainNetworkLayer layer = new PlainNetworkLayer();
    assertThrows(IllegalStateException.class, () -> layer.createSSLSocket(LOOPBACK, 5061));
    assertThrows(IllegalStateException.class, () -> layer.createSSLServerSocket(0, 5, LOOPBACK));
    assertThrows(IllegalStateException.class, () -> new NoTlsSecurityProvider().getTrustManagers(true));
  }
}
