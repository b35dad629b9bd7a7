package io.voicegateway.sip;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.codec.CodecType;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.function.Function;
import javax.sip.Dialog;

/**
 * One active call as the {@code vg.sip.calls} reply carries it: identity, state, times, X- headers and its legs
 * (without media figures: the media side adds those). Built on the SIP context.
 */
final class ActiveCallJson {
  private ActiveCallJson() {}

  /** @param sipSide the SIP side of a leg (its dialog and Call-ID), empty for other kinds */
  static JsonObject of(Call call, Function<Leg, Optional<SipLeg>> sipSide, long nowMs) {
    long connectedFor = call.connectedDuration(nowMs).toMillis();
    boolean connected = call.state() != CallState.RINGING; // every later state was connected once
    JsonArray legs = new JsonArray();
    call.legs().forEach(leg -> legs.add(leg(call, leg, sipSide.apply(leg).orElse(null))));
    return new JsonObject()
        .put("id", call.id())
        .put("state", call.state().name())
        .put("direction", call.direction().wireName())
        .put("from", call.from())
        .put("to", call.to())
        .put("codec", name(call.codec()))
        .put("sipCallId", call.sipCallId())
        .put("createdAt", call.createdAtMs())
        .put("connectedAt", connected ? nowMs - connectedFor : null)
        .put("durationMs", connectedFor)
        .put("xHeaders", new JsonObject(new LinkedHashMap<>(call.xHeaders())))
        .put("legs", legs);
  }

  private static JsonObject leg(Call call, Leg leg, SipLeg sip) {
    return new JsonObject()
        .put("id", leg.id())
        .put("kind", leg.kind().wireName())
        .put("peer", leg.kind() == LegKind.APP ? leg.name() : peer(call, leg, sip))
        .put("codec", name(leg.codec()))
        .put("onHold", leg.onHold())
        .put("rtpPort", leg.rtpPort())
        .put("sipCallId", sip == null ? null : sip.sipCallId());
  }

  private static String name(CodecType codec) {
    return codec == null ? null : codec.configName();
  }

  /**
   * The device or provider the B2BUA named for the leg, else the remote party of its dialog, else the call's caller
   * (inbound) or callee (outbound).
   */
  private static String peer(Call call, Leg leg, SipLeg sip) {
    if (leg.peer() != null) {
      return leg.peer();
    }
    Dialog dialog = sip == null ? null : sip.dialog();
    if (dialog != null && dialog.getRemoteParty() != null) {
      return dialog.getRemoteParty().getURI().toString();
    }
    return leg.direction() == CallDirection.INBOUND ? call.from() : call.to();
  }
}
