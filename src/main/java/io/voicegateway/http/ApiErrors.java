package io.voicegateway.http;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place API failures become HTTP answers: {@code {"error": "..."}} with the status that says what went
 * wrong (400 bad body, 401 no token, 404 unknown id, 409 wrong state, 501 not yet, 502 the peer refused,
 * 503 a service is missing, 504 no answer in time). A failed bus request carries its status as the failure code
 * (call control says 409 or 502 in terms of HTTP already, see bus.CallCommands); no answer at all is a 504, no
 * consumer a 503.
 */
public final class ApiErrors {
  private static final Logger LOG = Logger.getLogger(ApiErrors.class.getName());

  private ApiErrors() {}

  /** Ends the request with a JSON error. */
  public static void send(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", message).encode());
  }

  /** The router's failure handler: maps whatever failed the request to a status and a message. */
  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure == null) {
      send(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, reason(ctx.statusCode()));
      return;
    }
    int status = status(failure);
    if (status >= 500 && status != 501 && status != 502 && status != 504) {
      LOG.log(Level.WARNING, "API " + ctx.request().method() + " " + ctx.request().path() + " failed", failure);
    }
    send(ctx, status, message(failure));
  }

  /** Completes the request with the result as JSON and {@code okStatus} (204 when it is null), or with the mapped error. */
  public static void reply(RoutingContext ctx, Future<?> result, int okStatus) {
    result.onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result() == null) {
        ctx.response().setStatusCode(204).end();
      } else {
        ctx.response().setStatusCode(okStatus).putHeader("Content-Type", "application/json")
            .end(Json.encode(ar.result()));
      }
    });
  }

  static int status(Throwable failure) {
    if (failure instanceof ApiException api) {
      return api.status();
    }
    if (failure instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return 503;
      }
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return 504;
      }
      int code = reply.failureCode();
      return code >= 400 && code < 600 ? code : 500;
    }
    return 500;
  }

  private static String message(Throwable failure) {
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return "service unavailable: nobody serves " + reply.getMessage();
    }
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }

  private static String reason(int status) {
    return switch (status) {
      case 404 -> "no such endpoint";
      case 405 -> "method not allowed";
      case 413 -> "request body too large";
      default -> "request failed (" + status + ")";
    };
  }
}
