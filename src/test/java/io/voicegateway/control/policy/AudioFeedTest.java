package io.voicegateway.control.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.voicegateway.bus.CallDirection;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.AudioFeeds;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallState;
import io.voicegateway.control.FakeLifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A call's audio feed bracketed by AUDIO_STARTED/AUDIO_STOPPED only when the media side changed something. */
class AudioFeedTest {
  private final FakeLifecycle lifecycle = new FakeLifecycle();
  private final List<String> asked = new ArrayList<>();
  private boolean running;
  private final AudioFeed feed = new AudioFeed(new AudioFeeds() {
    @Override
    public Future<Boolean> start(Call call) {
      asked.add("start");
      boolean changed = !running;
      running = true;
      return Future.succeededFuture(changed);
    }

    @Override
    public Future<Boolean> stop(String callId) {
      asked.add("stop");
      boolean changed = running;
      running = false;
      return Future.succeededFuture(changed);
    }
  }, lifecycle);
  private final Call call = new Call(CallDirection.INBOUND, "sip:a@x", "sip:b@gw", "cid", Map.of(), 0);

  @Test
  void aFeedStartedAndStoppedIsBracketedOnce() {
    assertTrue(feed.start(call, "ai").result());
    assertFalse(feed.start(call, null).result(), "it already runs");
    assertTrue(feed.stop(call).result());
    assertFalse(feed.stop(call).result());

    assertEquals(List.of(CallEventType.AUDIO_STARTED, CallEventType.AUDIO_STOPPED), lifecycle.events);
  }

  @Test
  void aFeedStartedAfterTheCallEndedIsStoppedAgainWithoutAnEvent() {
    lifecycle.terminate(call, "bye");
    lifecycle.events.clear();

    assertFalse(feed.start(call, "ai").result());

    assertEquals(List.of("start", "stop"), asked);
    assertTrue(lifecycle.events.isEmpty());
    assertEquals(CallState.TERMINATED, call.state());
  }

  @Test
  void theEndOfAStreamingCallStopsItsFeedAndAnnouncesItOnce() {
    feed.start(call, "ai");
    lifecycle.events.clear();

    assertTrue(feed.ended(call).result());
    assertFalse(feed.ended(call).result());

    assertEquals(List.of(CallEventType.AUDIO_STOPPED), lifecycle.events);
  }

  @Test
  void theEndOfACallThatNeverStreamedAnnouncesNothing() {
    feed.ended(call);

    assertEquals(List.of("stop"), asked);
    assertTrue(lifecycle.events.isEmpty());
  }
}
