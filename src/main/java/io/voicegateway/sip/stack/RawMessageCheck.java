package io.voicegateway.sip.stack;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Two faults JAIN-SIP's parser hides, found on the raw bytes before it runs: a request line whose version
 * is not SIP/2.0 (the parser reports SIP/2.0 whatever it read, so {@link #keepVersion} puts the real one back for
 * {@code RequestChecks} to answer 505) and a header that must appear once appearing twice (the parser keeps one, so
 * a message with two Content-Lengths or two Call-IDs looks valid; RFC 4475 §3.1.2.16, §3.3.8, §3.3.9). Written by
 * hand because the point is to see what the parser normalises away. Pure: no Vert.x.
 */
public final class RawMessageCheck {
  private RawMessageCheck() {}

  /** Why a message is refused before parsing, and in which {@link MalformedSip} reason it is counted. */
  public record Fault(MalformedSip.Reason reason, String detail) {}

  /** Longer request lines are not looked at for a version (RFC 4475 longreq's is long, but not this long). */
  private static final int MAX_REQUEST_LINE = 8192;
  private static final int MAX_VERSION = 16;

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

  /**
   * Why the message must be refused before it is parsed (control characters in its headers, a duplicated
   * single-valued header), or empty. Responses
   * are not checked (they are dropped, not answered); a version other than SIP/2.0 is not a fault here: see
   * {@link #keepVersion}.
   */
  public static Optional<Fault> check(byte[] message) {
    String head = headerSection(message);
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      boolean control = c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == 0x7f;
      if (control && (i == 0 || head.charAt(i - 1) != '\\')) {
        // NUL, ESC and the like have no place in SIP's text (RFC 3261 §25.1 TEXT-UTF8) except escaped as a
        // quoted-pair (RFC 4475 intmeth's display name): binary junk, not a header
        return Optional.of(new Fault(MalformedSip.Reason.BINARY,
            String.format("control character 0x%02x in the header section", (int) c)));
      }
    }
    String[] lines = head.split("\r\n|\n");
    if (lines.length == 0 || lines[0].startsWith("SIP/")) {
      return Optional.empty();
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
        return Optional.of(new Fault(MalformedSip.Reason.DUPLICATE_HEADER, "duplicate " + name + " header"));
      }
    }
    return Optional.empty();
  }

  /**
   * The version a request line names when it is not SIP/2.0 ({@code SIP/7.0}), or empty: the parser reads it and
   * reports SIP/2.0 regardless.
   */
  public static Optional<String> otherVersion(byte[] message) {
    int end = 0;
    while (end < message.length && end < MAX_REQUEST_LINE && message[end] != '\r' && message[end] != '\n') {
      end++;
    }
    String first = new String(message, 0, end, StandardCharsets.ISO_8859_1);
    if (first.startsWith("SIP/")) {
      return Optional.empty(); // a response
    }
    String[] requestLine = first.trim().split("[ \t]+");
    String version = requestLine[requestLine.length - 1];
    if (requestLine.length >= 3 && version.toUpperCase(Locale.ROOT).startsWith("SIP/")
        && !version.equalsIgnoreCase("SIP/2.0") && version.length() <= MAX_VERSION) {
      return Optional.of(version);
    }
    return Optional.empty();
  }

  /**
   * Puts the version the request line really named back into a request the parser read (it writes SIP/2.0 for any),
   * so the UAS checks can answer 505 Version Not Supported through a transaction instead of the stack's stateless
   * 400. Returns {@code parsed}.
   */
  public static SIPMessage keepVersion(byte[] raw, SIPMessage parsed) {
    if (parsed instanceof SIPRequest request && request.getRequestLine() != null) {
      otherVersion(raw).ifPresent(v -> request.getRequestLine().setSipVersion(v));
    }
    return parsed;
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
