package io.voicegateway.sip.stack;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.NioPipelineParser;
import gov.nist.javax.sip.parser.SIPMessageListener;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.text.ParseException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The per-address token buckets for the non-blocking listeners (TCP, TLS, WebSocket with WebSocket configured).
 * Their parser hands the message parser no channel ({@link StreamMessages} cannot tell who sent it), so the check
 * sits between the channel's parser and the channel instead: a message over its address's rate is dropped before the
 * stack sees it, and once the address is banned its connection is closed. The message has been parsed by then (a
 * cost the blocking listeners do not pay), but the flood goes no further and the ban closes the connection.
 */
final class NioStreamMessages implements SIPMessageListener {
  private static final Logger LOG = Logger.getLogger(NioStreamMessages.class.getName());
  private static final Field PARSER = parserField();

  private final ReceiveGuard guard;
  private final NioTcpMessageChannel channel;

  private NioStreamMessages(ReceiveGuard guard, NioTcpMessageChannel channel) {
    this.guard = guard;
    this.channel = channel;
  }

  /** Puts the check in front of {@code channel}'s listener (its parser's package-private field: no setter). */
  static void watch(ReceiveGuard guard, NioTcpMessageChannel channel) {
    if (PARSER == null) {
      return;
    }
    try {
      NioPipelineParser parser = (NioPipelineParser) PARSER.get(channel);
      if (parser != null) {
        parser.setMessageListener(new NioStreamMessages(guard, channel));
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "SIP stream rate limit not applied to a connection: " + e);
    }
  }

  private static Field parserField() {
    try {
      Field f = NioTcpMessageChannel.class.getDeclaredField("nioParser");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "JAIN-SIP's NIO parser field is not found; TCP/TLS/WebSocket messages are not rate"
          + " limited per address: " + e);
      return null;
    }
  }

  @Override
  public void processMessage(SIPMessage message) throws Exception {
    InetAddress source = channel.getPeerPacketSourceAddress();
    boolean invite = message instanceof SIPRequest r && SIPRequest.INVITE.equals(r.getMethod())
        && r.getToTag() == null;
    if (source == null || guard.admit(source, invite)) {
      channel.processMessage(message);
    } else if (guard.banned(source)) {
      channel.close();
    }
  }

  @Override
  public void sendSingleCLRF() throws Exception {
    channel.sendSingleCLRF();
  }

  @Override
  public void handleException(ParseException e, SIPMessage message, Class headerClass, String header,
      String text) throws ParseException {
    channel.handleException(e, message, headerClass, header, text);
  }
}
