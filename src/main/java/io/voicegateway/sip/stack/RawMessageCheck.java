package io.voicegateway.sip.stack;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Two faults JAIN-SIP's parser hides, found on the raw bytes before it runs: a request line whose version
 * is not SIP/2.0 (the parser reports SIP/2.0 whatever it read) and a header that must appear once appearing
 * twice (the parser keeps one, so a message with two Content-Lengths or two Call-IDs looks valid; RFC 4475
 * §3.1.2.16, §3.3.8, §3.3.9). Written by hand because the point is to see what the parser normalises away.
 * Pure: no JAIN-SIP, no Vert.x.
 */
public final class RawMessageCheck {
  private RawMessageCheck() {}

  /**
   * Header names (long and compact, lower case) that RFC 3261 §7.3.1 allows once only, and Refer-To, which a
   * REFER carries exactly once (RFC 3515 §2.4.1).
   */
  private static final Map<String, String> SINGLE = Map.ofEntries(
      Map.entry("call-id", "call-id"), Map.entry("i", "call-id"),
      Map.entry("from", "from"), Map.entry("f", "from"),
      Map.entry("to", "to"), Map.entry("t", "to"),
      Map.entry("cseq", "cseq"),
      Map.entry("content-length", "content-length"), Map.entry("l", "content-length"),
      Map.entry("max-forwards", "max-forwards"),
      Map.entry("refer-to", "refer-to"), Map.entry("r", "refer-to"));

  /** Why the message must be rejected, or empty. Responses are not checked (they are dropped, not answered). */
  public static Optional<String> check(byte[] message) {
    String head = headerSection(message);
    String[] lines = head.split("\r\n|\n");
    if (lines.length == 0 || lines[0].startsWith("SIP/")) {
      return Optional.empty();
    }
    String[] requestLine = lines[0].trim().split("[ \t]+");
    String version = requestLine[requestLine.length - 1];
    if (requestLine.length >= 3 && version.toUpperCase(Locale.ROOT).startsWith("SIP/")
        && !version.equalsIgnoreCase("SIP/2.0")) {
      return Optional.of("SIP version " + version + " not supported");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int colon = line.indexOf(':');
      if (line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t' || colon <= 0) {
        continue; // folded continuation or not a header line: the parser's business
      }
      String name = SINGLE.get(line.substring(0, colon).trim().toLowerCase(Locale.ROOT));
      if (name != null && seen.merge(name, 1, Integer::sum) == 2) {
        return Optional.of("duplicate " + name + " header");
      }
    }
    return Optional.empty();
  }

  private static String headerSection(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      end = text.indexOf("\n\n");
    }
    return end < 0 ? text : text.substring(0, end);
  }
}
