package io.voicegateway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CallManagerTest {
  private final CallManager manager = new CallManager();

  private static Call call(String sipCallId) {
    return new Call("inbound", "sip:a@x", "sip:echo@y", sipCallId, Map.of("X-Tenant", "acme"), 1000);
  }

  @Test
  void findsCallsByIdAndEveryLegByItsCallId() {
    Call call = call("abc@host");
    Leg inbound = Leg.sip(true, "abc@host", "tag1");
    call.addLeg(inbound);
    manager.add(call);
    Leg outbound = Leg.sip(false, "def@gw", "tag2");
    manager.addLeg(call, outbound);
    manager.addLeg(call, Leg.app("echo"));

    assertSame(call, manager.byId(call.id()).orElseThrow());
    assertSame(call, manager.bySipCallId("abc@host").orElseThrow());
    assertSame(call, manager.bySipCallId("def@gw").orElseThrow());
    assertSame(outbound, manager.legBySipCallId("def@gw").orElseThrow());
    assertEquals(3, call.legs().size());
    assertEquals(1, manager.size());
  }

  @Test
  void internalIdIsNotTheSipCallId() {
    Call call = call("abc@host");
    assertNotEquals("abc@host", call.id());
    assertEquals(36, call.id().length(), "a UUID");
  }

  @Test
  void removeForgetsTheCallAndAllItsLegs() {
    Call call = call("abc@host");
    call.addLeg(Leg.sip(true, "abc@host", "t"));
    manager.add(call);
    manager.addLeg(call, Leg.sip(false, "def@gw", "u"));

    manager.remove(call);

    assertTrue(manager.byId(call.id()).isEmpty());
    assertTrue(manager.bySipCallId("abc@host").isEmpty());
    assertTrue(manager.legBySipCallId("def@gw").isEmpty());
    assertEquals(0, manager.size());
  }

  @Test
  void unknownLookupsAreEmpty() {
    assertTrue(manager.byId("nope").isEmpty());
    assertTrue(manager.bySipCallId("nope").isEmpty());
  }
}
