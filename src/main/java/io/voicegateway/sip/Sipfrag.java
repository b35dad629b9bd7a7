package io.voicegateway.sip;

import gov.nist.javax.sip.message.SIPResponse;
import java.util.OptionalInt;

/**
 * The {@code message/sipfrag} bodies of a REFER's implicit subscription (RFC 3515 §2.4.5, RFC 3420): our
 * NOTIFYs carry only a status line, and the NOTIFYs we receive are read for theirs. Parsed by hand because
 * JAIN-SIP has no sipfrag parser and the status line is all the transfer needs.
 */
final class Sipfrag {
  static final String CONTENT_TYPE = "message";
  static final String CONTENT_SUBTYPE = "sipfrag";
  static final String VERSION_PARAM = "version=2.0";

  private Sipfrag() {}

  /** {@code SIP/2.0 180 Ringing}: the status line for {@code status} with its standard reason phrase. */
  static String statusLine(int status) {
    String reason = SIPResponse.getReasonPhrase(status);
    return "SIP/2.0 " + status + " " + (reason == null || reason.isBlank() ? "Unknown" : reason);
  }

  /** The status code of the body's first line, empty when it is not a SIP/2.0 status line. */
  static OptionalInt status(String body) {
    if (body == null) {
      return OptionalInt.empty();
    }
    String line = body.strip();
    int eol = line.indexOf('\n');
    if (eol >= 0) {
      line = line.substring(0, eol).strip();
    }
    String[] parts = line.split(" +", 3);
    if (parts.length < 2 || !parts[0].equalsIgnoreCase("SIP/2.0") || parts[1].length() != 3) {
      return OptionalInt.empty();
    }
    try {
      int status = Integer.parseInt(parts[1]);
      return status >= 100 && status <= 699 ? OptionalInt.of(status) : OptionalInt.empty();
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
