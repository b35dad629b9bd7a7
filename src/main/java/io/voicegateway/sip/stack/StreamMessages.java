package io.voicegateway.sip.stack;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import java.net.InetAddress;
import java.text.ParseException;

/**
 * The per-address token buckets for messages that arrive over a TCP, TLS or WebSocket connection. A datagram is
 * asked about on the UDP receive thread; a stream's messages are framed by the stack's reader, so they are asked
 * about here, as each is handed to the parser, before it is parsed. A refused message is not parsed (the stack's
 * reader drops it as unparseable and reads on); a flood over one connection thus strikes its address like a UDP
 * flood does, and once the address is banned its connection is closed (the slot of {@link StreamConnections} comes
 * back) and the ban refuses its reconnects at accept.
 */
final class StreamMessages {
  private static final byte[] INVITE = {'I', 'N', 'V', 'I', 'T', 'E', ' '};

  private StreamMessages() {}

  /** Returns when the message may be parsed; otherwise throws, having closed {@code channel} if its peer is banned. */
  static void admit(ReceiveGuard guard, ConnectionOrientedMessageChannel channel, byte[] message)
      throws ParseException {
    InetAddress source = channel.getPeerPacketSourceAddress(); // the socket's remote address: no lookup
    if (source == null || guard.admit(source, startsWith(message, INVITE))) {
      return;
    }
    if (guard.banned(source)) {
      channel.close();
    }
    throw new ParseException("message over the source's rate limit", 0);
  }

  static boolean startsWith(byte[] message, byte[] prefix) {
    if (message == null || message.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (message[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
