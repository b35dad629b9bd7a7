package io.voicegateway.sip.auth;

import java.util.Map;

/**
 * A parsed {@code WWW-Authenticate}, {@code Proxy-Authenticate}, {@code Authorization} or
 * {@code Proxy-Authorization} value: the scheme and its auth-params, names lower-cased, values unquoted.
 */
public record AuthHeader(String scheme, Map<String, String> params) {

  public AuthHeader {
    params = Map.copyOf(params);
  }

  /** The parameter's value, or null; {@code name} is matched case-insensitively. */
  public String param(String name) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Parses {@code Digest realm="a, b", nonce="x\"y", qop="auth,auth-int"}: commas inside quotes and
   * backslash escapes are kept as the value's characters.
   *
   * @throws IllegalArgumentException when the value does not follow the auth-param grammar
   */
  public static AuthHeader parse(String headerValue) {
    throw new UnsupportedOperationException("not yet");
  }
}
