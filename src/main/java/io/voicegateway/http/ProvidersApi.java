package io.voicegateway.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.voicegateway.bus.TrunkRegistrationEvent;
import io.voicegateway.config.ProviderConfig;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/providers}: each configured trunk with its registration state, last error and the public
 * address the registrar saw us at. Registrations run for {@code media.registrations} (ids {@code registration-N})
 * and providers with {@code register: true}; other providers show state {@code NONE}. Passwords are never shown.
 */
final class ProvidersApi {
  private final ControlRequests control;
  private final List<ProviderConfig> providers;

  ProvidersApi(ControlRequests control, List<ProviderConfig> providers) {
    this.control = control;
    this.providers = providers;
  }

  void mount(Router api) {
    api.get("/providers").handler(ctx -> ApiErrors.reply(ctx, control.trunkStates().map(states -> json(states.byProvider())), 200));
  }

  private JsonArray json(Map<String, TrunkRegistrationEvent> states) {
    JsonArray out = new JsonArray();
    for (ProviderConfig p : providers) {
      TrunkRegistrationEvent state = states.get(p.id());
      out.add(new JsonObject()
          .put("id", p.id())
          .put("host", p.host())
          .put("port", p.port())
          .put("transport", p.transport())
          .put("username", p.username())
          .put("register", p.register())
          .put("codecs", new JsonArray(p.codecs()))
          .put("aor", state == null ? null : state.aor())
          .put("state", state == null ? "NONE" : state.state().name())
          .put("lastError", state == null ? null : state.lastError())
          .put("publicAddress", state == null ? null : state.publicAddress())
          .put("expiresAt", state == null || state.expiresAtMs() == 0 ? null : state.expiresAtMs())
          .put("nextRetryAt", state == null || state.nextRetryAtMs() == 0 ? null : state.nextRetryAtMs()));
    }
    return out;
  }
}
