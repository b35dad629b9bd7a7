package io.voicegateway.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/calls {from, to, headers?}}: with {@code from: app:echo} the gateway calls {@code to} and
 * attaches the app once answered; with a device as {@code from} (click-to-call) it rings the device and, once
 * it answers, dials {@code to} as that device would (routes, extensions, trunks). Answers 201 {@code {id}} when
 * the first callee answered; a refusal is 502 with the peer's status, no answer 504, an unregistered device 409,
 * a number no route serves 404. With {@code from: browser} it is step 1 of the dashboard phone's call: a pending call
 * to {@code to}, answered at once with 201 {@code {id, pending: true}}; the page's session linked to that id within
 * 60 s places it (docs/webrtc.md).
 *
 * <p>The app is checked against the catalog ({@code vg.apps.list}) before anyone is called: a callee must not
 * answer a call that then has nothing on it.
 */
final class OriginateApi {
  /** {@code from: browser}: step 1 of the dashboard phone's call (docs/webrtc.md). */
  private static final String BROWSER = "browser";
  private final ControlRequests control;
  private final CallTargets targets;

  OriginateApi(ControlRequests control, CallTargets targets) {
    this.control = control;
    this.targets = targets;
  }

  void mount(Router api) {
    api.post("/calls").handler(this::originate);
  }

  private void originate(RoutingContext ctx) {
    JsonObject body = ApiBodies.json(ctx);
    String from = ApiBodies.text(body, "from");
    if (BROWSER.equals(from) && body.getValue("to") instanceof Number n) {
      body.put("to", n.toString()); // the dashboard phone's dial pad may send the number as a number
    }
    String to = ApiBodies.text(body, "to");
    Map<String, String> headers = xHeaders(body.getValue("headers"));
    if (BROWSER.equals(from)) {
      ApiErrors.reply(ctx, control.phoneCall(to, headers)
          .map(id -> new JsonObject().put("id", id).put("pending", true)), 201);
      return;
    }
    if (!from.startsWith("app:")) {
      if (targets.isDevice(from)) {
        ApiErrors.reply(ctx, control.clickToCall(from, to, headers)
            .map(id -> new JsonObject().put("id", id)), 201);
        return;
      }
      throw ApiException.badRequest("'from' must be app:<name> (e.g. app:echo), a device id or browser, got '"
          + from + "'");
    }
    String app = from.substring("app:".length());
    ApiErrors.reply(ctx, control.apps()
        .compose(known -> known.contains(app) ? targets.resolve(to) : Future.failedFuture(
            ApiException.badRequest("unknown app '" + app + "'; known: " + String.join(", ", known))))
        .compose(uri -> control.originate(uri, app, headers))
        .map(id -> new JsonObject().put("id", id)), 201);
  }

  /** Optional {@code headers}: X- headers only, which travel into the call events. */
  private static Map<String, String> xHeaders(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject json)) {
      throw ApiException.badRequest("'headers' must be an object of X- headers");
    }
    Map<String, String> out = new LinkedHashMap<>();
    json.forEach(e -> {
      if (!e.getKey().regionMatches(true, 0, "X-", 0, 2) || !(e.getValue() instanceof String v)) {
        throw ApiException.badRequest("'headers' may hold only X- headers with string values; got '" + e.getKey() + "'");
      }
      out.put(e.getKey(), v);
    });
    return out;
  }
}
