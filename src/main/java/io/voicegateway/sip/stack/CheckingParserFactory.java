package io.voicegateway.sip.stack;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.StringMsgParserFactory;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.ParseException;

/**
 * JAIN-SIP's own parser with {@link RawMessageCheck} in front ({@link CheckedParse}): a message that fails the check
 * is a parse error, which the stack answers with its stateless 400 (over UDP) like any other unparseable request;
 * each is counted in {@link MalformedSip}, and reported to the stack's {@link ReceiveGuard} as garbage from its
 * sender (enough of it bans the sender).
 * Plugged in with the stack property {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}.
 */
public final class CheckingParserFactory implements MessageParserFactory {
  private final StringMsgParserFactory delegate = new StringMsgParserFactory();

  @Override
  public MessageParser createMessageParser(SIPTransactionStack stack) {
    MessageParser parser = delegate.createMessageParser(stack);
    ReceiveGuard guard = ReceiveGuards.of(stack);
    return (bytes, readBody, strict, listener) -> {
      if (listener instanceof ConnectionOrientedMessageChannel stream) {
        StreamMessages.admit(guard, stream, bytes); // UDP is asked before queueing; a stream's messages here
      }
      try {
        return CheckedParse.parse(parser, bytes, readBody, strict, listener);
      } catch (ParseException e) {
        if (listener instanceof MessageChannel channel) {
          guard.garbage(sender(channel));
        }
        throw ParseFaultReason.oneLine(e); // its message becomes the 400's status line
      }
    };
  }

  /**
   * The sender of the message being parsed. A UDP channel sets its peer address (an IP literal, so no name is looked
   * up) from each datagram before parsing it, but its packet source address only after: the former is the one.
   */
  private static InetAddress sender(MessageChannel channel) {
    String host = channel.getPeerAddress();
    try {
      return host == null ? null : InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
