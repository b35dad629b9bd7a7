package io.voicegateway.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;

/**
 * The SockJS event-bus bridge, mounted by the HTTP server at {@link #PATH} with the permissions of
 * {@link BridgePermissions}. It sits beside the REST API, so it takes the API token the same way (bearer
 * header, {@code vg_token} cookie or {@code ?token=}); without it the answer is 401 and no session opens.
 */
public final class SockJsBridge {
  /** Where HttpVerticle mounts {@link #router}. */
  public static final String PATH = "/eventbus/*";

  private SockJsBridge() {}

  /** @param token {@code http.api_token} */
  public static Router router(Vertx vertx, String token) {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      if (BridgeToken.allows(ctx.request(), token)) {
        ctx.next();
      } else {
        ctx.response().setStatusCode(401).putHeader("content-type", "application/json")
            .end(new JsonObject().put("error", "missing or wrong API token").encode());
      }
    });
    router.route("/*").subRouter(SockJSHandler.create(vertx).bridge(BridgePermissions.sockJs()));
    return router;
  }
}
