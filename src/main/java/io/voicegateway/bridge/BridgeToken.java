package io.voicegateway.bridge;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The API token check of the bridges. Over HTTP (SockJS) the same three places as the REST API and its
 * WebSocket: {@code Authorization: Bearer}, the {@code vg_token} cookie, or {@code ?token=} (browser SockJS
 * clients can set no header). Over TCP, each frame that registers or sends carries it in its headers:
 * {@code "headers": {"token": "..."}}.
 */
final class BridgeToken {
  static final String HEADER = "token";
  static final String COOKIE = "vg_token";

  private BridgeToken() {}

  static boolean allows(HttpServerRequest request, String token) {
    String auth = request.getHeader("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && same(auth.substring(7).trim(), token)) {
      return true;
    }
    Cookie cookie = request.getCookie(COOKIE);
    return cookie != null && same(cookie.getValue(), token) || same(request.getParam("token"), token);
  }

  static boolean allows(JsonObject frame, String token) {
    // "headers" as anything but an object (a string, a number) is no token, not a ClassCastException: found by
    // BridgeFrameFuzzTest
    return frame != null && frame.getValue("headers") instanceof JsonObject headers
        && headers.getValue(HEADER) instanceof String presented && same(presented, token);
  }

  /** Constant time, so the comparison's duration tells nothing about the token. */
  private static boolean same(String presented, String token) {
    return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8));
  }
}
