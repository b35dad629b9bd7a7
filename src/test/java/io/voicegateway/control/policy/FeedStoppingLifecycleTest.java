package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.AudioFeeds;
import io.voicegateway.control.Call;
import io.voicegateway.control.FakeEndpoint;
import io.voicegateway.control.FakeLifecycle;
import io.voicegateway.control.Leg;
import io.voicegateway.control.LegKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A call's end, by teardown or straight through the lifecycle, stops its feed once; no bus, no SIP. */
class FeedStoppingLifecycleTest {
  private final FakeLifecycle owner = new FakeLifecycle();
  private final List<String> asked = new ArrayList<>();
  private boolean running;
  private final AudioFeed feed = new AudioFeed(new AudioFeeds() {
    @Override
    public Future<Boolean> start(Call call) {
      running = true;
      return Future.succeededFuture(true);
    }

    @Override
    public Future<Boolean> stop(String callId) {
      asked.add("stop " + callId);
      boolean was = running;
      running = false;
      return Future.succeededFuture(was);
    }
  }, owner);
  private final FeedStoppingLifecycle lifecycle = new FeedStoppingLifecycle(owner, feed);
  private final Call call = new Call(CallDirection.INBOUND, "sip:a@x", "sip:b@gw", "cid", Map.of(), 0);

  @Test
  void aStreamingCallHungUpStopsItsFeedAfterItEnded() {
    Leg party = Leg.of(LegKind.SIP, CallDirection.INBOUND);
    party.endpoint(new FakeEndpoint());
    call.addLeg(party);
    feed.start(call, "ai");
    owner.events.clear();

    new Teardown(lifecycle).hangUp(call, "api");

    assertEquals(List.of("stop " + call.id()), asked);
    assertEquals(List.of(CallEventType.CALL_TERMINATED, CallEventType.AUDIO_STOPPED), owner.events);
  }

  @Test
  void aCallEndedTwiceIsStoppedOnce() {
    lifecycle.terminate(call, "rejected 486");
    lifecycle.terminate(call, "again");

    assertEquals(List.of("stop " + call.id()), asked);
    assertEquals(List.of(CallEventType.CALL_TERMINATED), owner.events, "it never streamed: no AUDIO_STOPPED");
  }
}
