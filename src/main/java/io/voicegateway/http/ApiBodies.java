package io.voicegateway.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads request bodies: a JSON object or a 400 that says what was expected. */
final class ApiBodies {
  private ApiBodies() {}

  static JsonObject json(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw ApiException.badRequest("the body must be a JSON object");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw ApiException.badRequest("the body must be a JSON object");
    }
  }

  /** A required, non-blank string field. */
  static String text(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (!(value instanceof String s) || s.isBlank()) {
      throw ApiException.badRequest("'" + field + "' is required (a string)");
    }
    return s.trim();
  }
}
