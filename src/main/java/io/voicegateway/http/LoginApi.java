package io.voicegateway.http;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/login {token}} sets the {@code vg_token} cookie (HttpOnly, SameSite=Strict) when the token
 * is right, so the dashboard needs no header; {@code POST /api/v1/logout} clears it. Mounted before the auth check.
 */
final class LoginApi {
  private final ApiAuth auth;

  LoginApi(ApiAuth auth) {
    this.auth = auth;
  }

  void mount(Router api) {
    api.post("/login").handler(this::login);
    api.post("/logout").handler(this::logout);
  }

  private void login(RoutingContext ctx) {
    String token = ApiBodies.text(ApiBodies.json(ctx), "token");
    if (!auth.matches(token)) {
      ApiErrors.send(ctx, 401, "wrong token");
      return;
    }
    ctx.response().addCookie(cookie(token));
    ctx.response().setStatusCode(204).end();
  }

  private void logout(RoutingContext ctx) {
    ctx.response().addCookie(cookie("").setMaxAge(0));
    ctx.response().setStatusCode(204).end();
  }

  private static Cookie cookie(String value) {
    return Cookie.cookie(ApiAuth.COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT);
  }
}
