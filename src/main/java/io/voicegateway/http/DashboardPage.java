package io.voicegateway.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Sends a browser without the API token from the dashboard page to the login page, before the page loads: the
 * page then never meets a 401 (which browsers log as a console error) on its first requests.
 */
public final class DashboardPage {
  static final String LOGIN = "/login.html";

  private DashboardPage() {}

  public static void mount(Router router, String apiToken) {
    router.get("/").handler(ctx -> gate(ctx, apiToken));
    router.get("/index.html").handler(ctx -> gate(ctx, apiToken));
  }

  private static void gate(RoutingContext ctx, String token) {
    if (RequestToken.matches(ctx.request(), token)) {
      ctx.next();
    } else {
      ctx.redirect(LOGIN + "?next=/");
    }
  }
}
