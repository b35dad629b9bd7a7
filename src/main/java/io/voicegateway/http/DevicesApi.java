package io.voicegateway.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.voicegateway.config.DeviceConfig;
import io.voicegateway.sip.SipVerticle;
import io.voicegateway.sip.registrar.Binding;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code GET /api/v1/devices} and {@code /devices/{id}}: each configured device with its registration state, live
 * contacts (with the address the REGISTER really came from, and seconds left) and when it last registered.
 */
final class DevicesApi {
  private final SipVerticle sip;
  private final List<DeviceConfig> devices;

  DevicesApi(SipVerticle sip, List<DeviceConfig> devices) {
    this.sip = sip;
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
    Future<List<Binding>> contacts = sip.contactsOf(d.id());
    Future<OptionalLong> lastSeen = sip.lastSeenOf(d.id());
    return Future.all(contacts, lastSeen).map(v -> {
      long now = System.currentTimeMillis(); // the registrar's bindings run on the system clock
      JsonArray list = new JsonArray();
      contacts.result().forEach(b -> list.add(new JsonObject()
          .put("contact", b.contact())
          .put("source", b.source().toString())
          .put("expiresIn", b.remainingSeconds(now))));
      return new JsonObject()
          .put("id", d.id())
          .put("username", d.username())
          .put("extension", d.extension())
          .put("registered", !list.isEmpty())
          .put("contacts", list)
          .put("lastSeen", lastSeen.result().isPresent() ? lastSeen.result().getAsLong() : null);
    });
  }
}
