package io.voicegateway.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads request bodies: a JSON object or a 400 that says what was expected. */
final class ApiBodies {
  private ApiBodies() {}

  static JsonObject json(RoutingContext ctx) {
    return object(ctx.body().buffer());
  }

  /** The body's JSON object, as {@code RequestBody.asJsonObject} decodes it; anything else is a 400. */
  static JsonObject object(Buffer body) {
    if (body == null) {
      throw ApiException.badRequest("the body must be a JSON object");
    }
    try {
      if (Json.decodeValue(body) instanceof JsonObject object) {
        return object;
      }
    } catch (DecodeException e) {
      // the same 400 as any body that is not an object
    }
    throw ApiException.badRequest("the body must be a JSON object");
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
