package io.voicegateway.sip;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The value of a {@code Replaces} header (RFC 3891 §6.1): the dialog to replace, from the point of view of
 * the UA that receives it: {@code toTag} is that UA's local tag, {@code fromTag} the remote one. It arrives
 * as a header of an INVITE, or escaped in a Refer-To URI ({@code ?Replaces=abc%40host%3Bto-tag%3D1...}).
 * JAIN-SIP offers no parser for it in a URI header, so it is read here.
 *
 * @param earlyOnly the {@code early-only} flag: replace only a dialog that is not yet confirmed
 */
record ReplacesHeader(String callId, String toTag, String fromTag, boolean earlyOnly) {

  /** Parses a header value, e.g. {@code 98732@host;from-tag=r33th4x0r;to-tag=ff87ff;early-only}. */
  static Optional<ReplacesHeader> parse(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String[] parts = value.strip().split(";");
    String callId = parts[0].strip();
    String toTag = null;
    String fromTag = null;
    boolean earlyOnly = false;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      int eq = p.indexOf('=');
      String name = (eq < 0 ? p : p.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
      String val = eq < 0 ? null : p.substring(eq + 1).strip();
      switch (name) {
        case "to-tag" -> toTag = val;
        case "from-tag" -> fromTag = val;
        case "early-only" -> earlyOnly = true;
        default -> { } // generic parameters are allowed and ignored
      }
    }
    if (callId.isEmpty() || toTag == null || toTag.isEmpty() || fromTag == null || fromTag.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ReplacesHeader(callId, toTag, fromTag, earlyOnly));
  }

  /** Parses the %-escaped form found in a URI's {@code ?Replaces=} header (RFC 3261 §19.1.1). */
  static Optional<ReplacesHeader> parseEscaped(String escaped) {
    return unescape(escaped).flatMap(ReplacesHeader::parse);
  }

  /** Reads the {@code Replaces} header out of a URI's header part ({@code ?a=b&Replaces=...}), if any. */
  static Optional<String> fromUriHeaders(String uri) {
    int q = uri == null ? -1 : uri.indexOf('?');
    if (q < 0) {
      return Optional.empty();
    }
    String headers = uri.substring(q + 1);
    int end = headers.indexOf('>');
    if (end >= 0) {
      headers = headers.substring(0, end);
    }
    for (String h : headers.split("&")) {
      int eq = h.indexOf('=');
      if (eq > 0 && h.substring(0, eq).strip().equalsIgnoreCase("Replaces")) {
        return Optional.of(h.substring(eq + 1));
      }
    }
    return Optional.empty();
  }

  /** Whether this names the dialog with our {@code localTag} and the peer's {@code remoteTag}. */
  boolean names(String sipCallId, String localTag, String remoteTag) {
    return callId.equals(sipCallId) && toTag.equals(localTag) && fromTag.equals(remoteTag);
  }

  /** %XX unescaping that, unlike URLDecoder, leaves '+' alone (URIs are not forms); empty on a bad escape. */
  private static Optional<String> unescape(String s) {
    if (s == null) {
      return Optional.empty();
    }
    byte[] out = new byte[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return Optional.empty();
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        out[n++] = (byte) (hi * 16 + lo);
        i += 2;
      } else if (c > 0x7f) {
        return Optional.empty();
      } else {
        out[n++] = (byte) c;
      }
    }
    return Optional.of(new String(out, 0, n, StandardCharsets.UTF_8));
  }
}
