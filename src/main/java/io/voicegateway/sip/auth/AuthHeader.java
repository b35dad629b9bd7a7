package io.voicegateway.sip.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code WWW-Authenticate}, {@code Proxy-Authenticate}, {@code Authorization} or
 * {@code Proxy-Authorization} value: the scheme and its auth-params, names lower-cased, values unquoted.
 *
 * <p>Parsed by hand (RFC 7235 §2.1 / RFC 3261 §25.1 grammar) so the digest code works on the header value alone,
 * without a JAIN-SIP stack or header factory, and so quoted-pair escapes are undone exactly once.
 */
public record AuthHeader(String scheme, Map<String, String> params) {

  public AuthHeader {
    params = Map.copyOf(params);
  }

  /** The parameter's value, or null; {@code name} is matched case-insensitively. */
  public String param(String name) {
    return params.get(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Parses {@code Digest realm="a, b", nonce="x\"y", qop="auth,auth-int"}: commas inside quotes and
   * backslash escapes are kept as the value's characters.
   *
   * @throws IllegalArgumentException when the value does not follow the auth-param grammar
   */
  public static AuthHeader parse(String headerValue) {
    if (headerValue == null) {
      throw new IllegalArgumentException("no header value");
    }
    return new Parser(headerValue).header();
  }

  /** Writes {@code value} as a quoted-string, escaping {@code "} and {@code \}. */
  static String quote(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }

  /** A cursor over one header value. */
  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    AuthHeader header() {
      skipSpace();
      String scheme = token();
      if (scheme.isEmpty()) {
        throw fail("expected an auth scheme");
      }
      Map<String, String> params = new LinkedHashMap<>();
      skipSpace();
      while (i < s.length()) {
        String name = token().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
          throw fail("expected a parameter name");
        }
        skipSpace();
        expect('=');
        skipSpace();
        String value = i < s.length() && s.charAt(i) == '"' ? quoted() : bareValue();
        if (params.putIfAbsent(name, value) != null) {
          throw fail("parameter " + name + " repeated");
        }
        skipSpace();
        if (i < s.length()) {
          expect(',');
          skipSpace();
        }
      }
      return new AuthHeader(scheme, params);
    }

    private String token() {
      int start = i;
      while (i < s.length() && isTokenChar(s.charAt(i))) {
        i++;
      }
      return s.substring(start, i);
    }

    /** An unquoted value: everything up to the next separator (tolerates '/' or ':' some peers leave bare). */
    private String bareValue() {
      int start = i;
      while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != '"' && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (start == i) {
        throw fail("expected a value");
      }
      return s.substring(start, i);
    }

    private String quoted() {
      StringBuilder sb = new StringBuilder();
      i++; // opening quote
      while (i < s.length()) {
        char c = s.charAt(i++);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\') {
          if (i == s.length()) {
            break;
          }
          c = s.charAt(i++);
        }
        sb.append(c);
      }
      throw fail("unterminated quoted string");
    }

    private void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private void expect(char c) {
      if (i >= s.length() || s.charAt(i) != c) {
        throw fail("expected '" + c + "'");
      }
      i++;
    }

    private IllegalArgumentException fail(String what) {
      return new IllegalArgumentException(what + " at offset " + i + " in: " + s);
    }

    /** RFC 3261 token characters. */
    private static boolean isTokenChar(char c) {
      return c < 128 && (Character.isLetterOrDigit(c) || "-.!%*_+`'~".indexOf(c) >= 0);
    }
  }
}
