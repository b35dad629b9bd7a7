package io.voicegateway.control;

import io.voicegateway.bus.CallDirection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CallRegistryTest {
  private final CallRegistry registry = new CallRegistry();

  private static Call call(String sipCallId) {
    return new Call(CallDirection.INBOUND, "sip:a@x", "sip:echo@y", sipCallId, Map.of("X-Tenant", "acme"), 1000);
  }

  @Test
  void findsCallsByIdAndEveryLegsCall() {
    Call call = call("abc@host");
    Leg inbound = Leg.of(LegKind.SIP, CallDirection.INBOUND);
    call.addLeg(inbound);
    registry.add(call);
    Leg outbound = Leg.of(LegKind.SIP, CallDirection.OUTBOUND);
    registry.addLeg(call, outbound);
    Leg echo = Leg.app("echo");
    registry.addLeg(call, echo);

    assertSame(call, registry.byId(call.id()).orElseThrow());
    assertSame(call, registry.callOf(inbound.id()).orElseThrow());
    assertSame(call, registry.callOf(outbound.id()).orElseThrow());
    assertSame(call, registry.callOf(echo.id()).orElseThrow());
    assertEquals(3, call.legs().size());
    assertEquals(1, registry.size());
  }

  @Test
  void internalIdIsNotTheSipCallId() {
    Call call = call("abc@host");
    assertNotEquals("abc@host", call.id());
    assertEquals(36, call.id().length(), "a UUID");
  }

  @Test
  void aLegMovedToAnotherCallIsFoundThere() {
    Call one = call("one@host");
    Call two = call("two@host");
    registry.add(one);
    registry.add(two);
    Leg leg = Leg.of(LegKind.SIP, CallDirection.INBOUND);
    registry.addLeg(two, leg);

    registry.removeLeg(two, leg);
    registry.addLeg(one, leg);

    assertSame(one, registry.callOf(leg.id()).orElseThrow());
    assertTrue(two.legs().isEmpty());
  }

  @Test
  void removeForgetsTheCallAndAllItsLegs() {
    Call call = call("abc@host");
    Leg leg = Leg.of(LegKind.SIP, CallDirection.INBOUND);
    call.addLeg(leg);
    registry.add(call);
    Leg other = Leg.of(LegKind.SIP, CallDirection.OUTBOUND);
    registry.addLeg(call, other);

    registry.remove(call);

    assertTrue(registry.byId(call.id()).isEmpty());
    assertTrue(registry.callOf(leg.id()).isEmpty());
    assertTrue(registry.callOf(other.id()).isEmpty());
    assertEquals(0, registry.size());
  }

  @Test
  void unknownLookupsAreEmpty() {
    assertTrue(registry.byId("nope").isEmpty());
    assertTrue(registry.callOf("nope").isEmpty());
  }
}
