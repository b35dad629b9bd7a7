package io.voicegateway.sip.stack;

/**
 * Text from elsewhere (a failure's message, a peer's reason phrase, a parser's complaint about a sender's bytes) made
 * safe for the two places SIP carries free text: a Warning header's quoted warn-text and a status line's
 * Reason-Phrase (RFC 3261 §25.1). Binary or badly decoded text once made JAIN-SIP's header parser throw while
 * building the Warning, and the request went unanswered. Control characters, unpaired surrogates and the characters
 * the grammar reserves become {@code ?}, {@code '} or {@code /}; the text is cut to a line's worth. Pure.
 */
public final class WarningText {
  /** Longest text kept: a Warning or reason phrase says what went wrong, it does not carry a payload. */
  static final int MAX_CHARS = 200;

  private WarningText() {}

  /** A Warning header value: {@code 399 agent "text"} (RFC 3261 §20.43, warn-code 399 "miscellaneous warning"). */
  public static String header(String agent, String text) {
    return "399 " + agent + " \"" + quotable(text) + "\"";
  }

  /**
   * {@code text} as the inside of a quoted-string (qdtext): printable ASCII and UTF-8 beyond it; a double quote
   * becomes {@code '} and a backslash {@code /}, so even a peer that does not read quoted-pairs reads it right.
   */
  public static String quotable(String text) {
    return clean(text, false);
  }

  /** {@code text} as a Reason-Phrase: as {@link #quotable} without the ASCII the phrase grammar has no room for. */
  public static String phrase(String text) {
    return clean(text, true);
  }

  private static String clean(String text, boolean phrase) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS));
    for (int i = 0; i < text.length() && out.length() < MAX_CHARS; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i)); // a whole code point beyond the BMP: valid UTF-8 when encoded
      } else if (c == '"') {
        out.append('\'');
      } else if (c == '\\') {
        out.append('/');
      } else if (c == '\t' || c == '\r' || c == '\n') {
        out.append(' ');
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate(c)) {
        out.append('?'); // control characters (C0, DEL, C1) and halves of a code point
      } else if (phrase && "<>[]{}|^`#%".indexOf(c) >= 0) {
        out.append('?'); // outside reserved / unreserved / escaped: no room in a Reason-Phrase
      } else {
        out.append(c);
      }
    }
    return out.toString().strip();
  }
}
