package io.voicegateway.sip;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.voicegateway.sip.stack.RawMessageCheck;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Set;

/**
 * Parses a datagram the way the JAIN-SIP stack does before our listener sees it: a header that does not parse
 * is fatal when it is one the stack needs (start line, Via, From, To, Call-ID, CSeq, Content-Length; the stack
 * answers those with 400 itself) and is otherwise kept as an unparsed header, as {@code UDPMessageChannel} does.
 */
final class StackLikeParser {

  private static final Set<Class<?>> FATAL = Set.of(RequestLine.class, StatusLine.class, Via.class, From.class,
      To.class, CallID.class, CSeq.class, ContentLength.class);

  private StackLikeParser() {
  }

  static SIPMessage parse(byte[] datagram) throws ParseException {
    SIPMessage message = new StringMsgParser().parseSIPMessage(datagram, true, false,
        (ex, msg, headerClass, header, text) -> {
          if (headerClass == null || FATAL.contains(headerClass)) {
            throw ex;
          }
          msg.addUnparsed(header);
        });
    if (message == null) {
      throw new ParseException("empty datagram", 0);
    }
    return RawMessageCheck.keepVersion(datagram, message); // as the stack's parser factory does
  }

  static SIPMessage parse(String text) throws ParseException {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }
}
