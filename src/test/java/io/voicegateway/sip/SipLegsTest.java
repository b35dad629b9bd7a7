package io.voicegateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.control.Leg;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SIP index beside the call registry: Call-ID → leg → call, kept in step with the registry. */
class SipLegsTest {
  private final CallRegistry calls = new CallRegistry();
  private final SipLegs legs = new SipLegs(calls);

  private Call call() {
    Call call = new Call(CallDirection.OUTBOUND, "sip:gw@x", "sip:bob@y", "a@gw", Map.of(), 0);
    calls.add(call);
    return call;
  }

  @Test
  void everySipLegIsFoundByItsCallIdAndLegsOfOtherKindsAreSkipped() {
    Call call = call();
    SipLeg a = SipLeg.outbound("a@gw", "t1");
    SipLeg b = SipLeg.outbound("b@gw", "t2");
    legs.add(call, a);
    calls.addLeg(call, Leg.app("echo"));
    legs.add(call, b);

    assertSame(b, legs.bySipCallId("b@gw").orElseThrow());
    assertSame(call, legs.callBySipCallId("a@gw").orElseThrow());
    assertSame(a, legs.of(a.leg()).orElseThrow());
    assertEquals(List.of(a, b), legs.of(call));
    assertSame(a, legs.first(call).orElseThrow());
    assertEquals(3, call.legs().size());
  }

  @Test
  void aLegMovedBetweenCallsFollowsItsCallId() {
    Call one = call();
    Call two = call();
    SipLeg leg = SipLeg.outbound("c@gw", "t");
    legs.add(two, leg);

    legs.remove(two, leg);
    legs.add(one, leg);

    assertSame(one, legs.callBySipCallId("c@gw").orElseThrow());
  }

  @Test
  void removeAllForgetsTheSipSideOfAnEndedCall() {
    Call call = call();
    SipLeg leg = SipLeg.outbound("d@gw", "t");
    legs.add(call, leg);

    legs.removeAll(call);
    calls.remove(call);

    assertTrue(legs.bySipCallId("d@gw").isEmpty());
    assertTrue(legs.callBySipCallId("d@gw").isEmpty());
    assertTrue(legs.of(leg.leg()).isEmpty());
  }
}
