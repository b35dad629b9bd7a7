package io.voicegateway.browser;

import static io.voicegateway.browser.BrowserHarness.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.WebRtcCommands.MediaState;
import io.voicegateway.bus.WebRtcCommands.PhoneDecline;
import io.voicegateway.bus.WebRtcCommands.PhoneGone;
import io.voicegateway.bus.WebRtcCommands.TransportState;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import io.voicegateway.control.policy.Bridge;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A trunk call to a route ringing alice and bob: their desk phones and the pages logged in as them, in parallel. */
class IncomingBrowserCallTest {
  private final BrowserHarness h = new BrowserHarness();
  private final FakeEndpoint caller = new FakeEndpoint();
  private Call call;
  private Future<Void> settled;

  @BeforeEach
  void aliceIsLoggedIn() {
    h.login("page1", "alice", "secret-a");
  }

  private void ring() {
    call = new Call(CallDirection.INBOUND, "sip:0301234@trunk", "sip:500@gw", "cid", Map.of(), 0);
    h.calls.add(call);
    Leg leg = Leg.of(LegKind.SIP, CallDirection.INBOUND);
    leg.endpoint(caller);
    h.calls.addLeg(call, leg);
    settled = h.control.bridge().ring(call, new Bridge.Caller(caller, "0301234", Map.of(), false),
        h.control.router().route("500").orElseThrow());
  }

  private String incoming(String owner) {
    return owner + " INCOMING " + call.id();
  }

  @Test
  void theBrowserRingsBesideTheDeskPhonesAndItsAnswerWins() {
    ring();
    assertTrue(h.sip.dial("sip:alice").started);
    assertTrue(h.sip.dial("sip:bob").started);
    assertEquals(List.of(incoming("page1")), h.pageEvents);

    h.offer("page1", "s1");
    assertTrue(h.link("page1", "s1", call.id()).succeeded());

    assertEquals(List.of("180", "answer"), caller.said);
    assertTrue(settled.succeeded());
    assertTrue(h.sip.dial("sip:alice").cancelled);
    assertTrue(h.sip.dial("sip:bob").cancelled);
    Leg browser = h.browserLeg(call);
    assertEquals(call.id(), h.media.ports.get(browser.id()));
    assertEquals(2, call.legs().size(), "the caller and the browser; the stand-in is gone");
    assertEquals("alice", browser.peer());
    assertEquals(CallDirection.OUTBOUND, browser.direction());
  }

  @Test
  void aDeclineFailsOnlyTheBrowsersBranch() {
    ring();

    h.signalling.decline(new PhoneDecline("page1", call.id())).result();

    assertEquals(404, status(h.signalling.decline(new PhoneDecline("page1", call.id()))));
    assertEquals(CallState.RINGING, call.state());
    h.sip.dial("sip:alice").fail(486);
    h.sip.dial("sip:bob").fail(486);
    assertEquals(List.of("180", "486 no branch answered [486, 486, 486]"), caller.said);
    assertEquals(List.of(incoming("page1")), h.pageEvents, "a declined phone is not told it was cancelled");
  }

  @Test
  void aDeskPhoneAnsweringFirstCancelsThePageWhoseLateLinkFindsNothing() {
    ring();
    h.sip.dial("sip:bob").answer();

    assertEquals(List.of(incoming("page1"), "page1 CANCELLED " + call.id()), h.pageEvents);
    assertFalse(call.legs().stream().anyMatch(l -> l.kind() == LegKind.WEBRTC), "no browser leg left in the call");

    h.offer("page1", "s1");
    assertEquals(404, status(h.link("page1", "s1", call.id())));
    assertEquals(Map.of(), h.media.ports, "the late session is closed");
  }

  @Test
  void theCallerGivingUpCancelsThePage() {
    ring();

    h.control.policies().teardown().callerGaveUp(call, call.legs().get(0));

    assertTrue(h.pageEvents.contains("page1 CANCELLED " + call.id()));
    assertEquals(CallState.TERMINATED, call.state());
  }

  @Test
  void aDeskAnswerDuringTheMoveLeavesTheLinkRefusedAndThePortFree() {
    ring();
    h.offer("page1", "s1");
    h.media.moveGate = Promise.promise();
    Future<?> linked = h.link("page1", "s1", call.id());

    h.sip.dial("sip:alice").answer();
    h.media.moveGate.complete();

    assertEquals(409, status(linked));
    assertEquals(List.of("180", "answer"), caller.said);
    assertEquals(Map.of(), h.media.ports);
    assertFalse(call.legs().stream().anyMatch(l -> l.kind() == LegKind.WEBRTC));
  }

  @Test
  void twoPagesRingAndTheSecondsAnswerCancelsTheFirst() {
    h.login("page2", "bob", "secret-b");
    ring();
    assertEquals(List.of(incoming("page1"), incoming("page2")), h.pageEvents);

    h.offer("page2", "s2");
    h.link("page2", "s2", call.id()).result();

    assertTrue(h.pageEvents.contains("page1 CANCELLED " + call.id()));
    assertEquals(403, status(h.link("page1", "s2", call.id())), "page1 cannot take page2's session");
  }

  @Test
  void aPageGoneWhileRingingFailsItsBranchOnly() {
    ring();

    h.signalling.gone(new PhoneGone("page1"));

    assertEquals(CallState.RINGING, call.state());
    h.sip.dial("sip:alice").answer();
    assertEquals(List.of("180", "answer"), caller.said);
  }

  @Test
  void theRingTimeoutCancelsThePage() {
    ring();

    h.scheduler.advance(Duration.ofSeconds(20));

    assertTrue(h.pageEvents.contains("page1 CANCELLED " + call.id()));
    assertEquals(List.of("180", "480 no answer"), caller.said);
  }

  @Test
  void anAnsweredBrowserLosingConsentEndsTheTwoPartyCall() {
    ring();
    h.offer("page1", "s1");
    h.link("page1", "s1", call.id()).result();
    Leg browser = h.browserLeg(call);

    h.signalling.mediaState(new MediaState(call.id(), browser.id(), TransportState.CONSENT_LOST, null));

    assertEquals(CallState.TERMINATED, call.state());
    assertEquals("hangup", caller.said.get(caller.said.size() - 1));
    assertEquals(Map.of(), h.media.ports);
    assertEquals("page1 ENDED " + call.id() + " consent lost", h.pageEvents.get(h.pageEvents.size() - 1));
  }
}
