package io.voicegateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.voicegateway.config.RouteConfig;
import java.util.List;
import java.util.Locale;

/** {@code GET /api/v1/routes}: the configured routes in match order, read-only, keys as in the YAML. */
final class RoutesApi {
  /** Read per request: a reload changes them. */
  private final List<RouteConfig> routes;

  RoutesApi(List<RouteConfig> routes) {
    this.routes = routes;
  }

  void mount(Router api) {
    api.get("/routes").handler(ctx -> ctx.json(new JsonArray(routes.stream().map(RoutesApi::json).toList())));
  }

  static JsonObject json(RouteConfig r) {
    JsonObject json = new JsonObject()
        .put("direction", r.direction().name().toLowerCase(Locale.ROOT))
        .put("match", r.match())
        .put("from", r.from().name().toLowerCase(Locale.ROOT));
    if (r.ring() != null && !r.ring().isEmpty()) {
      json.put("ring", new JsonArray(r.ring()));
    }
    putIfSet(json, "app", r.app());
    putIfSet(json, "ivr", r.ivr());
    putIfSet(json, "voicemail", r.voicemail());
    putIfSet(json, "stream", r.stream());
    putIfSet(json, "provider", r.provider());
    if (r.strip() > 0) {
      json.put("strip", r.strip());
    }
    putIfSet(json, "prepend", r.prepend());
    if (r.ringTimeout() != null) {
      json.put("ring_timeout_ms", r.ringTimeout().toMillis());
    }
    if (r.onNoAnswer() != null) {
      RouteConfig.Fallback f = r.onNoAnswer();
      json.put("on_no_answer", new JsonObject().put(f.kind(),
          "ring".equals(f.kind()) ? new JsonArray(f.names()) : f.names().get(0)));
    }
    return json;
  }

  private static void putIfSet(JsonObject json, String key, String value) {
    if (value != null && !value.isEmpty()) {
      json.put(key, value);
    }
  }
}
