package io.voicegateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.HistoryPage;
import io.voicegateway.bus.HistoryQuery;
import io.voicegateway.history.HistoryJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * {@code GET /api/v1/history?from=&to=&number=&page=&size=}: finished calls, newest first, from the history verticle.
 * {@code from}/{@code to} bound the start time (epoch ms or ISO-8601 such as {@code 2026-11-22T07:00:00Z});
 * {@code number} matches any part of the From or To URI. With history disabled the page is empty.
 */
final class HistoryApi {
  private final Vertx vertx;

  HistoryApi(Vertx vertx) {
    this.vertx = vertx;
  }

  void mount(Router api) {
    api.get("/history").handler(this::find);
  }

  private void find(RoutingContext ctx) {
    HistoryQuery query;
    try {
      query = new HistoryQuery(time(ctx, "from", 0), time(ctx, "to", Long.MAX_VALUE), ctx.request().getParam("number"),
          integer(ctx, "page", 1), integer(ctx, "size", HistoryQuery.DEFAULT_SIZE));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    ApiErrors.reply(ctx, vertx.eventBus().<HistoryPage>request(Addresses.HISTORY_QUERY, query)
        .map(msg -> msg.body())
        .recover(err -> err instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS
            ? Future.succeededFuture(HistoryPage.empty(query))
            : Future.failedFuture(err))
        .map(HistoryJson::page), 200);
  }

  private static long time(RoutingContext ctx, String name, long unset) {
    return param(ctx, name, unset, "epoch milliseconds or ISO-8601", v -> {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException notMillis) {
        return Instant.parse(v).toEpochMilli();
      }
    });
  }

  private static int integer(RoutingContext ctx, String name, int unset) {
    return param(ctx, name, unset, "a whole number", Integer::parseInt);
  }

  /** The parsed query parameter, {@code unset} when absent or blank; an unparsable one is a 400. */
  private static <T> T param(RoutingContext ctx, String name, T unset, String expected, Function<String, T> parse) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) {
      return unset;
    }
    try {
      return parse.apply(v.trim());
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("'" + name + "' must be " + expected + ", got '" + v + "'");
    }
  }
}
