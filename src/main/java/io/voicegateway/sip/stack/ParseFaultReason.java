package io.voicegateway.sip.stack;

import java.text.ParseException;

/**
 * The message of a parse error, made fit for where JAIN-SIP puts it: the status line of its stateless reply,
 * {@code SIP/2.0 400 Bad Request (<message>)}. The parser's messages quote the offending header, CR LF and all, so
 * an unparseable request would get a 400 whose status line breaks into header lines of the sender's choosing (found
 * by SipMessageFuzzTest); here it becomes one printable line of bounded length.
 */
final class ParseFaultReason {
  /** Enough to name the fault and the start of the header it is in. */
  static final int MAX_LENGTH = 160;

  private ParseFaultReason() {}

  static ParseException oneLine(ParseException e) {
    String message = e.getMessage();
    if (message == null) {
      return e;
    }
    StringBuilder line = new StringBuilder(Math.min(message.length(), MAX_LENGTH + 3));
    for (int i = 0; i < message.length() && line.length() < MAX_LENGTH; i++) {
      char c = message.charAt(i);
      line.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    if (message.length() > MAX_LENGTH) {
      line.append("...");
    }
    String reason = line.toString().strip();
    if (reason.equals(message)) {
      return e;
    }
    ParseException clean = new ParseException(reason, e.getErrorOffset());
    clean.initCause(e);
    return clean;
  }
}
