package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallFailure;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.LegState;
import io.voicegateway.control.TestLegs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API's hold, resume and transfer act on the call's first SIP leg once confirmed, one action at a time. */
class CallPartyTest {
  private final CallRegistry calls = new CallRegistry();
  private final CallParty party = new CallParty(calls);
  private final Call call = new Call(CallDirection.INBOUND, "sip:a@x", "sip:echo@gw", "cid", Map.of(), 0);

  CallPartyTest() {
    calls.add(call);
  }

  private static FakeEndpoint answered() {
    FakeEndpoint endpoint = new FakeEndpoint();
    endpoint.answer();
    return endpoint;
  }

  @Test
  void theFirstSipLegIsActedOnNotAnApp() {
    calls.addLeg(call, Leg.app("echo"));
    Leg caller = TestLegs.connected(calls, call, answered());
    TestLegs.connected(calls, call, answered());

    Future<Leg> acted = party.act(call.id(), (c, leg) -> Future.succeededFuture(leg));

    assertSame(caller, acted.result());
  }

  @Test
  void holdTakesTheBrowserWhenThereIsNoSipPartyButTransferDoesNot() {
    calls.addLeg(call, Leg.app("echo"));
    Leg page = Leg.of(LegKind.WEBRTC, CallDirection.INBOUND);
    page.endpoint(answered());
    page.state(LegState.CONNECTED);
    calls.addLeg(call, page);

    assertSame(page, party.actOnHoldable(call.id(), (c, leg) -> Future.succeededFuture(leg)).result());
    assertEquals(481, ((CallFailure) party.act(call.id(), (c, leg) -> Future.succeededFuture(leg)).cause()).status(),
        "a REFER needs a SIP party");
  }

  @Test
  void holdPrefersTheSipPartyOverABrowser() {
    Leg page = Leg.of(LegKind.WEBRTC, CallDirection.INBOUND);
    page.endpoint(answered());
    page.state(LegState.CONNECTED);
    calls.addLeg(call, page);
    Leg trunk = TestLegs.connected(calls, call, answered());

    assertSame(trunk, party.actOnHoldable(call.id(), (c, leg) -> Future.succeededFuture(leg)).result());
  }

  @Test
  void anUnknownCallIs404() {
    Future<Leg> acted = party.act("nope", (c, leg) -> Future.succeededFuture(leg));

    assertEquals(404, ((CallFailure) acted.cause()).status());
  }

  @Test
  void aLegStillBeingSetUpIs481AndTheActionDoesNotRun() {
    Leg ringing = Leg.of(LegKind.SIP, CallDirection.INBOUND);
    ringing.endpoint(new FakeEndpoint());
    calls.addLeg(call, ringing);
    List<Leg> ran = new ArrayList<>();

    Future<Void> acted = party.act(call.id(), (c, leg) -> {
      ran.add(leg);
      return Future.succeededFuture();
    });

    assertEquals(481, ((CallFailure) acted.cause()).status());
    assertTrue(ran.isEmpty());
  }

  @Test
  void aConnectedLegWhoseEndpointIsStillSettlingIs481() {
    FakeEndpoint unsettled = new FakeEndpoint(); // pending until answered
    Leg leg = Leg.of(LegKind.SIP, CallDirection.INBOUND);
    leg.endpoint(unsettled);
    leg.state(LegState.CONNECTED);
    calls.addLeg(call, leg);

    Future<Leg> acted = party.act(call.id(), (c, l) -> Future.succeededFuture(l));

    assertEquals(481, ((CallFailure) acted.cause()).status());
  }

  @Test
  void actionsOnOneCallRunOneAtATime() {
    TestLegs.connected(calls, call, answered());
    Promise<Void> firstDone = Promise.promise();
    List<String> ran = new ArrayList<>();

    party.act(call.id(), (c, leg) -> {
      ran.add("hold");
      return firstDone.future();
    });
    Future<Void> second = party.act(call.id(), (c, leg) -> {
      ran.add("transfer");
      return Future.succeededFuture();
    });

    assertEquals(List.of("hold"), ran);
    assertFalse(second.isComplete());
    firstDone.complete();
    assertEquals(List.of("hold", "transfer"), ran);
    assertTrue(second.succeeded());
  }
}
