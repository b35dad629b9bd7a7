package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.CallState;
import io.voicegateway.control.FakeAttachments;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.route.RouteTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The caller's confirmation of our answer (SIP: ACK): late-offer media attaches the routed app once; no SIP. */
class AnswerConfirmedTest {
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final CallRegistry calls = new CallRegistry();
  private final FakeAttachments attachments = new FakeAttachments();
  private final AnswerConfirmed confirmed = new AnswerConfirmed(lifecycle,
      new AttachTarget(calls, attachments, new AudioFeed(attachments, lifecycle)));
  private final Call call = new Call(CallDirection.INBOUND, "sip:a@x", "sip:echo@gw", "cid", Map.of(), 0);

  AnswerConfirmedTest() {
    calls.add(call);
    call.target(RouteTarget.app("echo"));
  }

  @Test
  void aLateOfferAnsweredInTheConfirmationAttachesTheAppAndConnects() {
    confirmed.confirmed(call, true);

    assertEquals(List.of("echo"), attachments.apps);
    assertEquals(CallState.CONNECTED, call.state());
    assertEquals(List.of(CallEventType.CALL_CONNECTED), lifecycle.events);
  }

  @Test
  void aConfirmationWithoutNewMediaOnlyConnects() {
    confirmed.confirmed(call, false);

    assertTrue(attachments.apps.isEmpty(), "the app was attached when the answer's media started");
    assertEquals(CallState.CONNECTED, call.state());
  }

  @Test
  void aConnectedCallIsNotMovedAgainNorTheAppAttachedTwice() {
    confirmed.confirmed(call, true);
    lifecycle.events.clear();

    confirmed.confirmed(call, true); // a renegotiated leg replaced and re-answered

    assertEquals(List.of("echo"), attachments.apps);
    assertTrue(lifecycle.events.isEmpty());
  }
}
