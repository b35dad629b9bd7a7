package io.voicegateway.sip.stack;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.stack.MessageChannel;
import io.voicegateway.sip.stack.MalformedSip.Reason;
import java.text.ParseException;
import java.util.Optional;

/**
 * One message through {@link RawMessageCheck} and JAIN-SIP's parser, with every refusal counted and logged once per
 * window ({@link MalformedSip}). What is refused here becomes the stack's stateless 400 (over UDP), or nothing when
 * the message lacks what a response must copy (Call-ID, From, To, CSeq, Via; RFC 3261 §8.2.6.2). Two faults pass on
 * counted, because the stack answers them itself once parsed: a version other than SIP/2.0 (505, the version put
 * back by {@link RawMessageCheck#keepVersion}) and a CSeq method other than the request's (400).
 */
final class CheckedParse {
  /** A parser complaint in the stack's 400 reason phrase: enough to say which header, no more. */
  private static final int MAX_DETAIL = 120;

  private CheckedParse() {}

  static SIPMessage parse(MessageParser parser, byte[] bytes, boolean readBody, boolean strict,
      ParseExceptionListener listener) throws ParseException {
    Optional<RawMessageCheck.Fault> fault = RawMessageCheck.check(bytes);
    if (fault.isPresent()) {
      throw refused(fault.get().reason(), fault.get().detail(), listener);
    }
    SIPMessage message;
    try {
      message = parser.parseSIPMessage(bytes, readBody, strict, listener);
    } catch (ParseException e) {
      throw refused(Reason.UNPARSEABLE, e.getMessage(), listener);
    } catch (RuntimeException e) {
      // a parser bug on hostile bytes: refused like any unreadable message, not a stack trace in the stack's thread
      throw refused(Reason.UNPARSEABLE, "unreadable message (" + e.getClass().getSimpleName() + ")", listener);
    }
    if (message == null) {
      return null; // a keep-alive: the stack's business
    }
    if (message.getCallId() == null || message.getFrom() == null || message.getTo() == null
        || message.getCSeq() == null || message.getViaHeaders() == null) {
      // refused here rather than handed on: the stack dereferences these and logged a NullPointerException
      throw refused(Reason.MISSING_HEADER, "no Call-ID, From, To, CSeq or Via", listener);
    }
    if (message instanceof SIPRequest request) {
      Optional<String> version = RawMessageCheck.otherVersion(bytes);
      if (version.isPresent()) {
        MalformedSip.count(Reason.VERSION, source(listener), "SIP version " + version.get() + " (505)");
      } else if (!request.getMethod().equals(request.getCSeq().getMethod())) {
        MalformedSip.count(Reason.CSEQ, source(listener), "CSeq method " + request.getCSeq().getMethod()
            + " on a " + request.getMethod() + " (400)");
      }
    }
    return RawMessageCheck.keepVersion(bytes, message);
  }

  /** Counts the refusal and makes the exception the stack turns into its 400, with a one-line, phrase-safe text. */
  private static ParseException refused(Reason reason, String detail, ParseExceptionListener listener) {
    String text = WarningText.phrase(String.valueOf(detail).replaceAll("\\[C@[0-9a-f]+", ""));
    text = text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
    MalformedSip.count(reason, source(listener), text);
    return new ParseException(text, 0);
  }

  /**
   * {@code host[:port]/transport} the bytes came from (the stack passes its channel as the listener). A UDP channel
   * has set only the datagram's address when it parses (its port fields still hold an earlier sender's), so over
   * UDP the port is left out rather than misattributed.
   */
  private static String source(ParseExceptionListener listener) {
    if (!(listener instanceof MessageChannel channel) || channel.getPeerAddress() == null) {
      return null;
    }
    String transport = String.valueOf(channel.getTransport()).toLowerCase(java.util.Locale.ROOT);
    boolean stream = !"udp".equals(transport) && channel.getPeerPort() > 0;
    return channel.getPeerAddress() + (stream ? ":" + channel.getPeerPort() : "") + "/" + transport;
  }
}
