package io.voicegateway.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.voicegateway.bus.DeviceQueries;
import io.voicegateway.config.DeviceConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/devices} and {@code /devices/{id}}: each configured device with its registration state, live
 * contacts (with the address the REGISTER really came from, and seconds left) and when it last registered.
 */
final class DevicesApi {
  private final ControlRequests control;
  private final List<DeviceConfig> devices;

  DevicesApi(ControlRequests control, List<DeviceConfig> devices) {
    this.control = control;
    this.devices = devices;
  }

  void mount(Router api) {
    api.get("/devices").handler(ctx -> {
      List<Future<JsonObject>> all = new ArrayList<>();
      devices.forEach(d -> all.add(device(d)));
      ApiErrors.reply(ctx, Future.all(all).map(v -> new JsonArray(all.stream().map(Future::result).toList())), 200);
    });
    api.get("/devices/:id").handler(ctx -> {
      String id = ctx.pathParam("id");
      DeviceConfig d = devices.stream().filter(c -> c.id().equals(id)).findFirst()
          .orElseThrow(() -> ApiException.notFound("no device " + id));
      ApiErrors.reply(ctx, device(d), 200);
    });
  }

  private Future<JsonObject> device(DeviceConfig d) {
    return control.bindings(d.id()).map(found -> {
      JsonArray list = new JsonArray();
      for (DeviceQueries.Binding b : found.bindings()) {
        list.add(new JsonObject()
            .put("contact", b.contact())
            .put("source", b.source())
            .put("expiresIn", b.expiresInSeconds()));
      }
      return new JsonObject()
          .put("id", d.id())
          .put("username", d.username())
          .put("extension", d.extension())
          .put("registered", !list.isEmpty())
          .put("contacts", list)
          .put("lastSeen", found.lastSeenMs());
    });
  }
}
