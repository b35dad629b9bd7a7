package io.voicegateway.sip.stack;

import java.nio.charset.StandardCharsets;

/**
 * JAIN-SIP's automatic 400 for an unparseable UDP request echoes the whole request back as a
 * {@code message/sipfrag} body when the two fit in 1,300 bytes: a spoofed source then receives about twice what the
 * spoofer sent (a reflection amplifier). This strips that body: the 400 keeps its status line and the headers that
 * let the sender match it (Via, CSeq, Call-ID, From, To) and says {@code Content-Length: 0}; its reason phrase,
 * which quotes the offending header, is cut to {@link #MAX_STATUS_LINE}. What remains is about the size of the
 * request's own Via, CSeq, Call-ID, From and To: no more than the sender sent, give or take a status line.
 */
final class StatelessBadRequest {
  private static final byte[] PREFIX = "SIP/2.0 400 ".getBytes(StandardCharsets.US_ASCII);
  /** The status line at most: its reason quotes the offending header, which may be as long as the sender likes. */
  static final int MAX_STATUS_LINE = 96;

  private StatelessBadRequest() {}

  /** {@code message} without its body when it is the stack's stateless 400; anything else unchanged. */
  static byte[] withoutBody(byte[] message) {
    if (!startsWith(message, PREFIX)) {
      return message;
    }
    String text = new String(message, StandardCharsets.ISO_8859_1); // byte for byte, whatever the request held
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    StringBuilder out = new StringBuilder(head.length() + 24);
    String[] lines = head.split("\r\n", -1);
    out.append(statusLine(lines[0])).append("\r\n");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (!isFramingHeader(line)) {
        out.append(line).append("\r\n");
      }
    }
    out.append("Content-Length: 0\r\n\r\n");
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String statusLine(String line) {
    return line.length() <= MAX_STATUS_LINE ? line : line.substring(0, MAX_STATUS_LINE - 4) + "...)";
  }

  /** The CSeq method of a 400 made by {@link #withoutBody} (null without a CSeq). */
  static String method(byte[] response) {
    return SipResponseCounts.cseqMethod(new String(response, StandardCharsets.ISO_8859_1));
  }

  private static boolean isFramingHeader(String line) {
    int colon = line.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String name = line.substring(0, colon).trim();
    return name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Content-Length")
        || name.equalsIgnoreCase("c") || name.equalsIgnoreCase("l");
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
