package io.voicegateway.sip.stack;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.StringMsgParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * JAIN-SIP's own parser with {@link RawMessageCheck} in front ({@link CheckedParse}): a message that fails the check
 * is a parse error, which the stack answers with its stateless 400 (over UDP) like any other unparseable request;
 * each is counted in {@link MalformedSip}.
 * Plugged in with the stack property {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}.
 */
public final class CheckingParserFactory implements MessageParserFactory {
  private final StringMsgParserFactory delegate = new StringMsgParserFactory();

  @Override
  public MessageParser createMessageParser(SIPTransactionStack stack) {
    MessageParser parser = delegate.createMessageParser(stack);
    return (bytes, readBody, strict, listener) -> CheckedParse.parse(parser, bytes, readBody, strict, listener);
  }
}
