package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallQueries.ActiveCall;
import io.voicegateway.bus.CallQueries.ActiveLeg;
import io.voicegateway.bus.LegKind;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Leg;
import io.voicegateway.codec.CodecType;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import javax.sip.ServerTransaction;
import org.junit.jupiter.api.Test;

/**
 * The vg.sip.calls form of a call: identity, times, X- headers and its legs, checked in its wire JSON (the REST API's
 * call object), whose names and spellings the API documents.
 */
class ActiveCallSnapshotTest {
  private final CallRegistry calls = new CallRegistry();
  private final SipLegs sipLegs = new SipLegs(calls);

  private JsonObject json(Call call, long nowMs) {
    return ActiveCallSnapshot.of(call, sipLegs::of, nowMs).toJson();
  }

  /** A SIP leg of the call's direction (an inbound one on a transaction stub with no dialog yet). */
  private SipLeg sipLeg(Call call, String sipCallId) {
    SipLeg leg = call.direction() == CallDirection.INBOUND
        ? SipLeg.inbound(sipCallId, "tag", (ServerTransaction) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ServerTransaction.class}, (proxy, method, args) -> null))
        : SipLeg.outbound(sipCallId, "tag");
    sipLegs.add(call, leg);
    return leg;
  }

  @Test
  void aRingingCallHasNoConnectTimeAndItsLegsAreListed() {
    Call call = new Call(CallDirection.INBOUND, "sip:alice@pbx", "sip:echo@gw", "abc@pbx", Map.of("X-Tenant", "t1"), 1_000);
    calls.add(call);
    Leg sip = sipLeg(call, "abc@pbx").leg();
    sip.rtpPort(10_002);
    calls.addLeg(call, Leg.app("echo"));

    JsonObject json = json(call, 1_500);

    assertEquals("RINGING", json.getString("state"));
    assertEquals(1_000, json.getLong("createdAt"));
    assertNull(json.getValue("connectedAt"));
    assertEquals(0, json.getLong("durationMs"));
    assertEquals(new JsonObject().put("X-Tenant", "t1"), json.getJsonObject("xHeaders"));
    JsonArray legs = json.getJsonArray("legs");
    assertEquals(new JsonObject().put("id", sip.id()).put("kind", "sip").put("peer", "sip:alice@pbx").put("codec", null)
        .put("onHold", false).put("rtpPort", 10_002).put("sipCallId", "abc@pbx"), legs.getJsonObject(0));
    assertEquals("app", legs.getJsonObject(1).getString("kind"));
    assertEquals("echo", legs.getJsonObject(1).getString("peer"));
  }

  @Test
  void aConnectedCallCountsItsDurationFromTheAnswer() {
    Call call = new Call(CallDirection.OUTBOUND, "sip:gateway@gw", "sip:bob@10.0.0.2", "x@gw", Map.of(), 1_000);
    calls.add(call);
    sipLeg(call, "x@gw");
    call.moveTo(CallState.CONNECTED, 2_000);
    call.moveTo(CallState.ON_HOLD, 3_000);

    JsonObject json = json(call, 5_000);

    assertEquals("ON_HOLD", json.getString("state"));
    assertEquals(2_000, json.getLong("connectedAt"));
    assertEquals(3_000, json.getLong("durationMs"));
    assertEquals("sip:bob@10.0.0.2", json.getJsonArray("legs").getJsonObject(0).getString("peer"), "outbound: the callee");
  }

  @Test
  void theB2buaNameOfAPeerWins() {
    Call call = new Call(CallDirection.INBOUND, "sip:+4930111@trunk", "sip:101@gw", "y@trunk", Map.of(), 1_000);
    calls.add(call);
    sipLeg(call, "z@gw").leg().peer("alice");
    assertEquals("alice", json(call, 1_000).getJsonArray("legs").getJsonObject(0).getString("peer"));
  }

  @Test
  void theWireFormKeepsTheApiNamesAndSpellings() {
    Call call = new Call(CallDirection.OUTBOUND, "sip:echo@gw", "sip:bob@192.0.2.7", "q@gw", Map.of("X-Ticket", "T-42"),
        1_000);
    calls.add(call);
    sipLeg(call, "q@gw").leg().codec(CodecType.PCMA);
    calls.addLeg(call, Leg.app("echo"));
    call.moveTo(CallState.CONNECTED, 1_200);

    ActiveCall snapshot = ActiveCallSnapshot.of(call, sipLegs::of, 2_000);
    assertEquals(io.voicegateway.bus.CallState.CONNECTED, snapshot.state());
    assertEquals(CodecType.PCMA, snapshot.codec());
    assertEquals(List.of(LegKind.SIP, LegKind.APP), snapshot.legs().stream().map(ActiveLeg::kind).toList());

    JsonObject json = snapshot.toJson();
    assertEquals(List.of("id", "state", "direction", "from", "to", "codec", "sipCallId", "createdAt", "connectedAt",
        "durationMs", "xHeaders", "legs"), List.copyOf(json.fieldNames()));
    assertEquals("CONNECTED", json.getString("state"));
    assertEquals("outbound", json.getString("direction"));
    assertEquals("g711-alaw", json.getString("codec"));
    assertEquals(List.of("id", "kind", "peer", "codec", "onHold", "rtpPort", "sipCallId"),
        List.copyOf(json.getJsonArray("legs").getJsonObject(0).fieldNames()));
    assertEquals("g711-alaw", json.getJsonArray("legs").getJsonObject(0).getString("codec"));
  }

  @Test
  void everyControlStateAndKindHasItsContractName() {
    for (CallState state : CallState.values()) {
      assertEquals(state.name(), ActiveCallSnapshot.state(state).name());
    }
    for (io.voicegateway.control.LegKind kind : io.voicegateway.control.LegKind.values()) {
      assertEquals(kind.wireName(), ActiveCallSnapshot.kind(kind).wireName());
    }
  }
}
