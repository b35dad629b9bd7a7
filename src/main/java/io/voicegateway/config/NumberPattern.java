package io.voicegateway.config;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code match} of a route: {@code /regex/} (whole number must match), {@code prefix*} ({@code *}
 * alone matches anything), or an exact number. Case-sensitive, as SIP user parts are.
 */
public final class NumberPattern {
  private final String exact;
  private final String prefix;
  private final Pattern regex;

  private NumberPattern(String exact, String prefix, Pattern regex) {
    this.exact = exact;
    this.prefix = prefix;
    this.regex = regex;
  }

  /** @throws PatternSyntaxException when a {@code /regex/} does not compile */
  public static NumberPattern of(String match) {
    if (match.length() >= 2 && match.startsWith("/") && match.endsWith("/")) {
      return new NumberPattern(null, null, Pattern.compile(match.substring(1, match.length() - 1)));
    }
    if (match.endsWith("*")) {
      return new NumberPattern(null, match.substring(0, match.length() - 1), null);
    }
    return new NumberPattern(match, null, null);
  }

  /** @param number the called number; null (no user part) is treated as empty */
  public boolean matches(String number) {
    String n = number == null ? "" : number;
    if (regex != null) {
      return regex.matcher(n).matches();
    }
    return prefix != null ? n.startsWith(prefix) : exact.equals(n);
  }
}
