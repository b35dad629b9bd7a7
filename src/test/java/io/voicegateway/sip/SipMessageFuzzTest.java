package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import gov.nist.core.CommonLogger;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import io.voicegateway.sip.stack.CheckingParserFactory;
import io.voicegateway.sip.stack.JulStackLogger;
import io.voicegateway.sip.stack.RawMessageCheck;
import java.text.ParseException;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import javax.sip.message.Request;

/**
 * Fuzz targets for a SIP datagram on its way in: {@link RawMessageCheck} alone, then the whole path the stack runs,
 * our checking parser (JAIN-SIP's parser behind the raw check) and, for a request that parses, {@link RequestChecks}.
 * The contract: the parser's only "malformed" answer is a ParseException (the stack answers it with its stateless
 * 400; any other exception escapes the stack's reader) whose message, which goes into that 400's status line, is one
 * short printable line; the raw check names one of its two faults;
 * the checks answer a parsed request without throwing, with a 4xx-6xx status.
 */
class SipMessageFuzzTest {

  static {
    // As the stack does with its STACK_LOGGER property (its loggers are that class): without it JAIN-SIP's parser
    // logs each bad input, or looks for log4j, which is not on our class path.
    Properties properties = new Properties();
    properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", JulStackLogger.class.getName());
    CommonLogger.init(properties);
    CommonLogger.useLegacyLogger = true;
    CommonLogger.legacyLogger = new JulStackLogger();
  }

  /** Headers a UDP channel cannot answer without (gov.nist UDPMessageChannel.handleException): a parse error. */
  private static final Set<Class<?>> ESSENTIAL = Set.of(From.class, To.class, CSeq.class, Via.class, CallID.class,
      ContentLength.class, RequestLine.class, StatusLine.class);
  /** As the stack's channel does: a broken essential header fails the message, any other is kept unparsed. */
  private static final ParseExceptionListener CHANNEL = (ex, message, headerClass, headerText, messageText) -> {
    if (headerClass != null && ESSENTIAL.contains(headerClass)) { // null: a line the parser could not name
      throw ex;
    }
    message.addUnparsed(headerText);
  };

  private final MessageParser parser = new CheckingParserFactory().createMessageParser(null);
  private final RequestChecks checks = RequestChecks.defaults();

  @FuzzTest
  void rawCheck(byte[] datagram) {
    Optional<RawMessageCheck.Fault> fault = RawMessageCheck.check(datagram);
    fault.ifPresent(f -> assertTrue(f.reason() != null && f.detail() != null, f::toString)); // a named refusal
  }

  @FuzzTest
  void stackParser(byte[] datagram) {
    SIPMessage message;
    try {
      message = parser.parseSIPMessage(datagram, true, false, CHANNEL);
    } catch (ParseException e) {
      assertOneShortLine(e.getMessage());
      return;
    }
    if (message instanceof Request request) {
      checks.check(request).ifPresent(r -> assertTrue(r.status() >= 400 && r.status() < 700, r::toString));
      checks.checkForwarding(request).ifPresent(r -> assertTrue(r.status() >= 400 && r.status() < 700, r::toString));
    }
  }

  /** The message of a parse error goes into the stateless 400's status line ("400 Bad Request (message)"). */
  private static void assertOneShortLine(String reason) {
    assertTrue(reason == null || reason.length() <= 200 && reason.chars().noneMatch(c -> c < 0x20 || c == 0x7f),
        () -> "reason is not one short printable line: " + reason);
  }
}
