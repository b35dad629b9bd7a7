package io.voicegateway.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Sends a browser without the API token from the dashboard page to the login page, before the page loads: the
 * page then never meets a 401 (which browsers log as a console error) on its first requests.
 */
public final class DashboardPage {
  static final String LOGIN = "/login.html?next=/";

  private DashboardPage() {}

  public static void mount(Router router, ApiAuth auth) {
    router.get("/").handler(ctx -> gate(ctx, auth));
    router.get("/index.html").handler(ctx -> gate(ctx, auth));
  }

  private static void gate(RoutingContext ctx, ApiAuth auth) {
    if (auth.authorized(ctx.request(), false)) {
      ctx.next();
    } else {
      ctx.redirect(LOGIN);
    }
  }
}
