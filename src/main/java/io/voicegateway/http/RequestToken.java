package io.voicegateway.http;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Whether a request carries {@code http.api_token}: as a bearer header, the {@code vg_token} cookie the login
 * page sets, or a {@code ?token=} query parameter (browsers cannot set headers on a WebSocket).
 */
final class RequestToken {
  static final String COOKIE = "vg_token";

  private RequestToken() {}

  static boolean matches(HttpServerRequest request, String token) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && same(header.substring(7).trim(), token)) {
      return true;
    }
    Cookie cookie = request.getCookie(COOKIE);
    if (cookie != null && same(cookie.getValue(), token)) {
      return true;
    }
    String query = request.getParam("token");
    return query != null && same(query, token);
  }

  /** Constant-time, so response timing does not leak how much of a guess was right. */
  private static boolean same(String given, String token) {
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }
}
