package io.voicegateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallBus;
import io.voicegateway.bus.CallQueries;
import io.voicegateway.bus.CallQueries.ActiveCall;
import io.voicegateway.config.GatewayConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The active calls as the API shows them: call control's view ({@code vg.sip.calls}: {@link CallQueries.ActiveCalls}) joined with the
 * media side's per-leg figures ({@code vg.media.stats}: packets, loss, jitter, level). Also what the dashboard
 * pushes once a second.
 */
public final class LiveCalls {
  private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(2000);

  private final CallBus bus;

  public LiveCalls(Vertx vertx, GatewayConfig config) {
    this(new CallBus(vertx, config.cluster().enabled()));
  }

  LiveCalls(CallBus bus) {
    this.bus = bus;
  }

  /** Every active call, each leg with its {@code stats} (null for an app leg, which has no RTP). */
  public Future<JsonArray> all() {
    return fetch(null);
  }

  /** One call, or a 404. */
  public Future<JsonObject> one(String callId) {
    return fetch(callId).map(calls -> {
      if (calls.isEmpty()) {
        throw ApiException.notFound("no active call " + callId);
      }
      return calls.getJsonObject(0);
    });
  }

  /** @param callId one call, or null for all */
  private Future<JsonArray> fetch(String callId) {
    // in cluster mode: every node's calls, or the one call asked of its owner
    Future<List<ActiveCall>> calls = (callId == null
        ? bus.<CallQueries.ActiveCalls>fromAll(Addresses.SIP_CALLS, new CallQueries.ActiveCallsQuery(null), QUICK)
        : bus.<CallQueries.ActiveCalls>toOwner(Addresses.SIP_CALLS, callId, new CallQueries.ActiveCallsQuery(callId),
            QUICK)).map(CallQueries.ActiveCalls::calls);
    // Without the media side (stopping) the calls are still listed, without figures.
    Future<JsonArray> stats = (callId == null
        ? bus.<JsonArray>fromAll(Addresses.MEDIA_STATS, "", QUICK)
        : bus.<JsonArray>toOwner(Addresses.MEDIA_STATS, callId, callId, QUICK)).otherwise(new JsonArray());
    return Future.all(calls, stats).map(v -> join(calls.result(), stats.result()));
  }

  /** Each call in its wire form (the API's call object), each leg with its figures or {@code stats: null}. */
  static JsonArray join(List<ActiveCall> calls, JsonArray stats) {
    Map<String, JsonObject> byLeg = new HashMap<>();
    stats.forEach(o -> byLeg.put(((JsonObject) o).getString("legId"), (JsonObject) o));
    JsonArray out = new JsonArray();
    for (ActiveCall activeCall : calls) {
      JsonObject call = activeCall.toJson();
      for (Object l : call.getJsonArray("legs", new JsonArray())) {
        JsonObject leg = (JsonObject) l;
        JsonObject s = byLeg.get(leg.getString("id"));
        leg.put("stats", s == null ? null : new JsonObject()
            .put("packetsReceived", s.getLong("packetsReceived"))
            .put("packetsLost", s.getLong("packetsLost"))
            .put("jitterMs", s.getDouble("jitterMs"))
            .put("level", s.getDouble("level"))
            .put("packetsSent", s.getLong("packetsSent")));
      }
      out.add(call);
    }
    return out;
  }
}
