package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.voicegateway.call.Call;
import io.voicegateway.call.CallState;
import io.voicegateway.call.Leg;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The vg.sip.calls form of a call: identity, times, X- headers and its legs. */
class ActiveCallJsonTest {
  @Test
  void aRingingCallHasNoConnectTimeAndItsLegsAreListed() {
    Call call = new Call("inbound", "sip:alice@pbx", "sip:echo@gw", "abc@pbx", Map.of("X-Tenant", "t1"), 1_000);
    Leg sip = Leg.sip(true, "abc@pbx", "tag1");
    sip.rtpPort(10_002);
    call.addLeg(sip);
    call.addLeg(Leg.app("echo"));

    JsonObject json = ActiveCallJson.of(call, 1_500);

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
    Call call = new Call("outbound", "sip:gateway@gw", "sip:bob@10.0.0.2", "x@gw", Map.of(), 1_000);
    call.addLeg(Leg.sip(false, "x@gw", "tag"));
    call.moveTo(CallState.CONNECTED, 2_000);
    call.moveTo(CallState.ON_HOLD, 3_000);

    JsonObject json = ActiveCallJson.of(call, 5_000);

    assertEquals("ON_HOLD", json.getString("state"));
    assertEquals(2_000, json.getLong("connectedAt"));
    assertEquals(3_000, json.getLong("durationMs"));
    assertEquals("sip:bob@10.0.0.2", json.getJsonArray("legs").getJsonObject(0).getString("peer"), "outbound: the callee");
  }

  @Test
  void theB2buaNameOfAPeerWins() {
    Call call = new Call("inbound", "sip:+4930111@trunk", "sip:101@gw", "y@trunk", Map.of(), 1_000);
    Leg toPhone = Leg.sip(false, "z@gw", "tag");
    toPhone.peer("alice");
    call.addLeg(toPhone);
    assertEquals("alice", ActiveCallJson.of(call, 1_000).getJsonArray("legs").getJsonObject(0).getString("peer"));
  }
}
