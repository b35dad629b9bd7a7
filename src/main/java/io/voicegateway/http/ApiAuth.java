package io.voicegateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The API's one credential, {@code http.api_token}: sent as {@code Authorization: Bearer <token>} or as the
 * {@code vg_token} cookie that {@code POST /api/v1/login} sets (browsers). A request without it gets 401.
 */
public final class ApiAuth implements Handler<RoutingContext> {
  public static final String COOKIE = "vg_token";
  private static final String BEARER = "Bearer ";

  private final byte[] token;

  public ApiAuth(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (authorized(ctx.request(), false)) {
      ctx.next();
    } else {
      ApiErrors.send(ctx, 401, "missing or wrong API token: send 'Authorization: Bearer <http.api_token>'"
          + " or log in with POST /api/v1/login");
    }
  }

  /**
   * Whether the request carries the token (header or cookie; with {@code acceptQuery} also {@code ?token=},
   * for WebSocket clients that cannot set headers).
   */
  public boolean authorized(HttpServerRequest request, boolean acceptQuery) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        && matches(header.substring(BEARER.length()).trim())) {
      return true;
    }
    Cookie cookie = request.getCookie(COOKIE);
    if (cookie != null && matches(cookie.getValue())) {
      return true;
    }
    return acceptQuery && matches(request.getParam("token"));
  }

  /** Compares in constant time, so the answer's timing does not leak how much of a guess was right. */
  public boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
  }
}
