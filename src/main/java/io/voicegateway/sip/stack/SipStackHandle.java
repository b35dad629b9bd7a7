package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.ListeningPointImpl;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;

import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/**
 * A running JAIN-SIP stack with its provider and factories.
 *
 * @param publicAddress the host written into Via, Contact and SDP
 * @param lanes where every message we send leaves: at once over UDP, on a worker in order over TCP and TLS
 */
public record SipStackHandle(
    SipStack stack,
    SipProvider provider,
    AddressFactory addresses,
    HeaderFactory headers,
    MessageFactory messages,
    String publicAddress,
    SendLanes lanes) {

  /** The listening point for a transport (udp, tcp, tls), or the first one when not listening on it. */
  public ListeningPoint listeningPoint(String transport) {
    ListeningPoint lp = provider.getListeningPoint(transport);
    return lp != null ? lp : provider.getListeningPoints()[0];
  }

  /**
   * Tells {@code listener} (on a stack thread) when a browser's WebSocket connection closed, with its transport
   * ({@code ws}, {@code wss}) and address: a binding registered over it can never be reached again (RFC 7118 §5).
   */
  public void onWebSocketClosed(BiConsumer<String, InetSocketAddress> listener) {
    for (ListeningPoint lp : provider.getListeningPoints()) {
      MessageProcessor processor = ((ListeningPointImpl) lp).getMessageProcessor();
      if (processor instanceof ReachBackWsProcessor ws) {
        ws.accepted().onClosed(peer -> listener.accept("ws", peer));
      } else if (processor instanceof ReachBackWssProcessor wss) {
        wss.accepted().onClosed(peer -> listener.accept("wss", peer));
      }
    }
  }

  /**
   * Tells {@code listener} (on a stack thread) when a TCP or TLS connection is gone, with its transport
   * ({@code tcp}, {@code tls}) and peer address: an unanswered INVITE that came over it can no longer be answered.
   */
  public void onStreamClosed(BiConsumer<String, InetSocketAddress> listener) {
    for (ListeningPoint lp : provider.getListeningPoints()) {
      MessageProcessor processor = ((ListeningPointImpl) lp).getMessageProcessor();
      if (processor instanceof ReportsClosedConnections stream) {
        stream.closed().listener(peer -> listener.accept(stream.transportName(), peer));
      }
    }
  }

  /** Stops the stack: closes its sockets and timers. */
  public void stop() {
    for (ListeningPoint lp : provider.getListeningPoints()) {
      try {
        provider.removeListeningPoint(lp);
        stack.deleteListeningPoint(lp);
      } catch (Exception ignored) {
        // stopping anyway: stack.stop() below closes what is left
      }
    }
    stack.stop();
    ReceiveGuards.forget(stack.getStackName());
  }
}
