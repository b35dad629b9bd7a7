package io.voicegateway.sip;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.call.Call;
import io.voicegateway.call.CallState;
import io.voicegateway.call.Leg;
import java.util.LinkedHashMap;
import javax.sip.Dialog;

/**
 * One active call as the {@code vg.sip.calls} reply carries it: identity, state, times, X- headers and its legs
 * (without media figures: the media side adds those). Built on the SIP context.
 */
final class ActiveCallJson {
  private ActiveCallJson() {}

  static JsonObject of(Call call, long nowMs) {
    long connectedFor = call.connectedDuration(nowMs).toMillis();
    boolean connected = call.state() != CallState.RINGING; // every later state was connected once
    JsonArray legs = new JsonArray();
    call.legs().forEach(leg -> legs.add(leg(call, leg)));
    return new JsonObject()
        .put("id", call.id())
        .put("state", call.state().name())
        .put("direction", call.direction())
        .put("from", call.from())
        .put("to", call.to())
        .put("codec", call.codec())
        .put("sipCallId", call.sipCallId())
        .put("createdAt", call.createdAtMs())
        .put("connectedAt", connected ? nowMs - connectedFor : null)
        .put("durationMs", connectedFor)
        .put("xHeaders", new JsonObject(new LinkedHashMap<>(call.xHeaders())))
        .put("legs", legs);
  }

  private static JsonObject leg(Call call, Leg leg) {
    boolean sip = leg.kind() == Leg.Kind.SIP;
    return new JsonObject()
        .put("id", leg.id())
        .put("kind", sip ? "sip" : "app")
        .put("peer", sip ? sipPeer(call, leg) : leg.localTag())
        .put("codec", leg.codec())
        .put("onHold", leg.onHold())
        .put("rtpPort", leg.rtpPort())
        .put("sipCallId", leg.sipCallId());
  }

  /**
   * The device or provider the B2BUA named for the leg, else the remote party of its dialog, else the call's caller
   * (inbound) or callee (outbound).
   */
  private static String sipPeer(Call call, Leg leg) {
    if (leg.peer() != null) {
      return leg.peer();
    }
    Dialog dialog = leg.dialog();
    if (dialog != null && dialog.getRemoteParty() != null) {
      return dialog.getRemoteParty().getURI().toString();
    }
    return leg.inbound() ? call.from() : call.to();
  }
}
