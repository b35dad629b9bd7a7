package io.voicegateway.browser;

import static io.voicegateway.browser.BrowserHarness.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.LegDirection;
import io.voicegateway.bus.WebRtcCommands;
import io.voicegateway.bus.WebRtcCommands.MediaState;
import io.voicegateway.bus.WebRtcCommands.PhoneGone;
import io.voicegateway.bus.WebRtcCommands.PhoneRegister;
import io.voicegateway.bus.WebRtcCommands.SessionClose;
import io.voicegateway.bus.WebRtcCommands.SessionOffer;
import io.voicegateway.bus.WebRtcCommands.TransportState;
import io.voicegateway.codec.CodecType;
import io.voicegateway.control.Call;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.TestLegs;
import io.voicegateway.control.CallState;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A page's own calls: the three steps, in order and out of it, expiry, closing, and a page or transport gone. */
class BrowserSignallingTest {
  private final BrowserHarness h = new BrowserHarness();

  @Test
  void theThreeStepsPlaceTheCallUnderThePendingIdWithTheSessionsMediaAsItsCaller() {
    String id = h.pendingCall("echo");
    assertEquals(1, h.browsers.pendingCalls());
    assertTrue(h.calls.byId(id).isEmpty(), "no call before the link");

    Future<WebRtcCommands.SessionAnswer> answer = h.signalling.offer(new SessionOffer("page1", "s1", "v=0 offer"));
    assertEquals("v=0 answer to v=0 offer", answer.result().sdp());
    String legId = h.media.ports.keySet().iterator().next();
    assertEquals(WebRtcCommands.sessionCallId("s1"), h.media.ports.get(legId));

    assertEquals(new WebRtcCommands.SessionLinked("s1", id), h.link("page1", "s1", id).result());

    Call call = h.calls.byId(id).orElseThrow();
    Leg leg = h.browserLeg(call);
    assertEquals(legId, leg.id(), "the leg keeps the id its media was opened under");
    assertEquals(id, h.media.ports.get(legId), "the media moved into the call");
    assertEquals(CodecType.OPUS, leg.codec());
    assertEquals(List.of(LegDirection.SENDRECV), h.media.starts);
    assertEquals(CallState.CONNECTED, call.state(), "echo answers here");
    assertEquals(List.of("echo"), h.attachments.apps);
    assertEquals(LegState.CONNECTED, leg.state());
    assertEquals(0, h.browsers.pendingCalls());
    assertEquals(0, h.scheduler.pending(), "no expiry left running");
  }

  @Test
  void aTrunkNumberRingsTheTrunkAndTheAnswerConnects() {
    Call call = h.place("page1", "s1", "0301234");
    assertTrue(h.sip.dial("trunk").started);
    assertEquals(CallState.RINGING, call.state());
    assertTrue(h.browserLeg(call).endpoint().pending());

    h.sip.dial("trunk").answer();

    assertEquals(CallState.CONNECTED, call.state());
    assertFalse(h.browserLeg(call).endpoint().pending());
  }

  @Test
  void aLoggedInPageCallsAsItsDeviceAnOperatorAsTheGateway() {
    h.login("page1", "alice", "secret-a");
    h.place("page1", "s1", "0301234");
    assertEquals("101", h.sip.dial("trunk").caller, "alice's extension is the caller");
  }

  @Test
  void linkBeforeOfferIs409AndRemovesThePendingCall() {
    String id = h.pendingCall("echo");

    assertEquals(409, status(h.link("page1", "s1", id)));

    assertEquals(0, h.browsers.pendingCalls());
    assertEquals(404, status(h.link("page1", "s1", id)), "nothing left to link");
    assertEquals(0, h.scheduler.pending());
  }

  @Test
  void linkWhileTheOfferIsStillOpeningIs409AndTheLatePortIsFreed() {
    String id = h.pendingCall("echo");
    h.media.openGate = Promise.promise();
    Future<WebRtcCommands.SessionAnswer> answer = h.signalling.offer(new SessionOffer("page1", "s1", "v=0"));

    assertEquals(409, status(h.link("page1", "s1", id)));
    h.media.openGate.complete();

    assertEquals(404, status(answer));
    assertEquals(Map.of(), h.media.ports);
    assertEquals(0, h.browsers.sessions());
  }

  @Test
  void aSecondLinkIs409AndLeavesTheFirstCallAlone() {
    Call call = h.place("page1", "s1", "0301234");
    String other = h.pendingCall("echo");

    assertEquals(409, status(h.link("page1", "s1", call.id())));
    assertEquals(409, status(h.link("page1", "s1", other)));

    assertEquals(CallState.RINGING, call.state());
    assertEquals(call.id(), h.media.ports.get(h.browserLeg(call).id()));
    assertEquals(0, h.browsers.pendingCalls(), "the other pending call went with the refused link");
  }

  @Test
  void unknownIdsAre404AndAnUnusableSessionIsClosed() {
    assertEquals(404, status(h.link("page1", "nope", "nope")));
    h.offer("page1", "s1");

    assertEquals(404, status(h.link("page1", "s1", "no-such-call")));

    assertEquals(Map.of(), h.media.ports);
    assertEquals(0, h.browsers.sessions());
  }

  @Test
  void anotherPagesSessionOrCallIs403AndStaysItsOwn() {
    h.offer("page2", "s2");
    String id = h.pendingCall("echo");
    assertEquals(403, status(h.link("page1", "s2", id)));
    assertEquals(1, h.browsers.sessions());
    assertEquals(1, h.browsers.pendingCalls());

    h.login("page2", "bob", "secret-b");
    String bobs = h.signalling.call(new WebRtcCommands.PhoneCall("page2", "echo", Map.of())).result().callId();
    h.offer("page1", "s1");
    assertEquals(403, status(h.link("page1", "s1", bobs)));
    assertTrue(h.link("page2", "s2", bobs).succeeded(), "still page2's to link");
    assertEquals(403, status(h.signalling.close(new SessionClose("page1", "s2"))));
  }

  @Test
  void aSessionIdInUseIs409AndABadOfferLeavesNoSession() {
    h.offer("page1", "s1");
    assertEquals(409, status(h.signalling.offer(new SessionOffer("page2", "s1", "v=0"))));

    h.media.refuseOpen = 400;
    assertEquals(400, status(h.signalling.offer(new SessionOffer("page1", "s2", "v=0"))));
    assertEquals(400, status(h.signalling.offer(new SessionOffer("page1", "bad id!", "v=0"))));
    assertEquals(400, status(h.signalling.offer(new SessionOffer("page1", "s3", ""))));
    assertEquals(1, h.browsers.sessions());
  }

  @Test
  void aNewOfferOnTheSamePagesSessionIsAReofferOnItsPort() {
    h.offer("page1", "s1");
    String legId = h.media.ports.keySet().iterator().next();
    assertEquals("v=0 reanswer", h.signalling.offer(new SessionOffer("page1", "s1", "v=0 again")).result().sdp());
    Call call = h.place("page1", "s2", "echo");
    String inCall = h.browserLeg(call).id();
    h.signalling.offer(new SessionOffer("page1", "s2", "v=0 restart")).result();

    assertEquals(List.of(WebRtcCommands.sessionCallId("s1") + " " + legId, call.id() + " " + inCall),
        h.media.reoffers);
    assertEquals(2, h.media.ports.size(), "no new port");
  }

  @Test
  void step1RefusesANumberNoRouteServes() {
    assertEquals(404, status(h.signalling.call(new WebRtcCommands.PhoneCall(null, "999", Map.of()))));
    assertEquals(400, status(h.signalling.call(new WebRtcCommands.PhoneCall(null, "1 2", Map.of()))));
  }

  @Test
  void pendingCallsAndUnlinkedSessionsExpireAfterSixtySeconds() {
    String id = h.pendingCall("echo");
    h.offer("page1", "s1");

    h.scheduler.advance(Duration.ofSeconds(59));
    assertEquals(1, h.browsers.pendingCalls());
    h.scheduler.advance(Duration.ofSeconds(1));

    assertEquals(0, h.browsers.pendingCalls());
    assertEquals(0, h.browsers.sessions());
    assertEquals(Map.of(), h.media.ports);
    assertEquals(List.of("page1 ENDED null not linked within 60 s"), h.pageEvents);
    assertEquals(404, status(h.link("page1", "s1", id)));
  }

  @Test
  void closingALinkedSessionEndsItsTwoPartyCall() {
    Call call = h.place("page1", "s1", "0301234");
    h.sip.dial("trunk").answer();

    h.signalling.close(new SessionClose("page1", "s1")).result();

    assertEquals(CallState.TERMINATED, call.state());
    assertEquals(Map.of(), h.media.ports);
    assertEquals(0, h.browsers.sessions());
  }

  @Test
  void consentLostWhileTheTargetRingsEndsTheCallAndCancelsTheTrunk() {
    Call call = h.place("page1", "s1", "0301234");
    String legId = h.browserLeg(call).id();
    FakeEndpoint trunk = new FakeEndpoint(); // what SIP's would do
    h.sip.dial("trunk").leg().endpoint(trunk);

    h.signalling.mediaState(new MediaState(call.id(), legId, TransportState.CONSENT_LOST, "30 s silent"));

    assertEquals(CallState.TERMINATED, call.state());
    assertEquals(List.of("hangup"), trunk.said, "the trunk still ringing is cancelled");
    assertEquals(Map.of(), h.media.ports);
    assertEquals(List.of("page1 ENDED " + call.id() + " consent lost: 30 s silent"), h.pageEvents);
  }

  @Test
  void consentLostOnAConnectedCallLetsAThreePartyCallGoOn() {
    Call call = h.place("page1", "s1", "0301234");
    h.sip.dial("trunk").answer();
    h.sip.dial("trunk").leg().state(LegState.CONNECTED);
    Leg third = TestLegs.connected(h.calls, call, new FakeEndpoint());
    Leg browser = h.browserLeg(call);

    h.signalling.mediaState(new MediaState(call.id(), browser.id(), TransportState.FAILED, "fingerprint"));

    assertEquals(CallState.CONNECTED, call.state(), "two parties are left");
    assertFalse(call.legs().contains(browser));
    assertTrue(call.legs().contains(third));
    assertEquals(Map.of(), h.media.ports);
    assertTrue(h.fakeLifecycle.events.contains(CallEventType.PARTY_LEFT));
  }

  @Test
  void aFailedHandshakeOnAnUnlinkedSessionJustFreesItsPort() {
    h.offer("page1", "s1");
    String legId = h.media.ports.keySet().iterator().next();

    h.signalling.mediaState(new MediaState(WebRtcCommands.sessionCallId("s1"), legId, TransportState.FAILED, "x"));

    assertEquals(Map.of(), h.media.ports);
    assertEquals(List.of("page1 ENDED null media failed: x"), h.pageEvents);
    assertEquals(0, h.scheduler.pending(), "its expiry went with it");
  }

  @Test
  void aPageGoneTakesItsSessionsPendingCallsAndLoginWithIt() {
    h.login("page1", "alice", "secret-a");
    h.signalling.call(new WebRtcCommands.PhoneCall("page1", "echo", Map.of())).result();
    Call call = h.place("page1", "s1", "echo");
    h.offer("page1", "s2");

    h.signalling.gone(new PhoneGone("page1"));

    assertEquals(CallState.TERMINATED, call.state());
    assertEquals(Map.of(), h.media.ports);
    assertEquals(0, h.browsers.sessions());
    assertEquals(0, h.browsers.pendingCalls());
    assertEquals(List.of(), h.browsers.destinations(h.control.router().route("500").orElseThrow()));
  }

  @Test
  void aHungUpCallTellsThePageAndFreesThePort() {
    Call call = h.place("page1", "s1", "echo");

    h.control.originate().hangUp(call.id(), "api").result();

    assertEquals(Map.of(), h.media.ports);
    assertEquals(List.of("page1 ENDED " + call.id() + " api"), h.pageEvents);
    assertEquals(0, h.browsers.sessions());
  }

  @Test
  void holdRestartsTheBrowsersMediaOneWayAndDigitsGoToTheFarSide() {
    Call call = h.place("page1", "s1", "echo");
    Leg browser = h.browserLeg(call);

    browser.endpoint().hold().result();
    browser.endpoint().resume().result();
    browser.endpoint().sendDtmf("12").result();

    assertEquals(List.of(LegDirection.SENDRECV, LegDirection.SENDONLY, LegDirection.SENDRECV), h.media.starts);
    assertEquals(List.of("12"), h.media.dtmf);
  }

  @Test
  void apiDigitsOnABrowserCallGoToTheOtherParty() {
    Call call = h.place("page1", "s1", "0301234");
    h.sip.dial("trunk").answer();
    Leg trunk = h.sip.dial("trunk").leg();
    trunk.state(LegState.CONNECTED);
    FakeEndpoint far = new FakeEndpoint();
    trunk.endpoint(far);

    h.control.sendDigits().send(call.id(), "5").result();

    assertEquals(List.of("dtmf 5"), far.said);
    assertEquals(List.of(), h.media.dtmf);
  }

  @Test
  void withoutTelephoneEventDigitsAreRefused() {
    h.media.dtmfPayloadType = -1;
    Call call = h.place("page1", "s1", "echo");
    assertEquals(481, status(h.browserLeg(call).endpoint().sendDtmf("1")));
  }

  @Test
  void fiveWrongPasswordsInAMinuteLockTheDeviceForTheRestOfIt() {
    for (int i = 0; i < Phones.MAX_FAILURES; i++) {
      assertEquals(403, status(h.signalling.register(new PhoneRegister("p", "alice", "guess" + i))));
    }
    assertEquals(403, status(h.signalling.register(new PhoneRegister("p", "alice", "secret-a"))), "locked");
    assertTrue(h.signalling.register(new PhoneRegister("p", "bob", "secret-b")).succeeded(), "per device");

    h.scheduler.advance(Phones.FAILURE_WINDOW);

    assertTrue(h.signalling.register(new PhoneRegister("p", "alice", "secret-a")).succeeded());
  }

  @Test
  void loginChecksTheDevicesPassword() {
    assertEquals(403, status(h.signalling.register(new PhoneRegister("p", "alice", "secret-b"))));
    assertEquals(403, status(h.signalling.register(new PhoneRegister("p", "alice", null))));
    assertEquals(404, status(h.signalling.register(new PhoneRegister("p", "carol", "x"))));
    assertEquals(List.of(), h.browsers.destinations(h.control.router().route("500").orElseThrow()));

    h.login("p", "alice", "secret-a");

    assertEquals(List.of(new BrowserTarget("p", "alice")),
        h.browsers.destinations(h.control.router().route("500").orElseThrow()));
    assertTrue(h.calls.calls().isEmpty());
  }
}
