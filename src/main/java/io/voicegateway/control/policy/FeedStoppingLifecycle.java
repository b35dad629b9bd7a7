package io.voicegateway.control.policy;

import io.voicegateway.bus.CallEventType;
import io.voicegateway.control.Call;
import io.voicegateway.control.CallLifecycle;
import io.voicegateway.control.CallState;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The owner's {@link CallLifecycle} as call control uses it: a call's end (whoever ends it: teardown, a refused or
 * unanswered caller, originate without a media port) also stops the call's audio feed ({@link AudioFeed#ended}),
 * so no feed outlives its call and AUDIO_STOPPED follows CALL_TERMINATED.
 */
public final class FeedStoppingLifecycle implements CallLifecycle {
  private static final Logger LOG = Logger.getLogger(FeedStoppingLifecycle.class.getName());
  private final CallLifecycle owner;
  private final AudioFeed feed;

  public FeedStoppingLifecycle(CallLifecycle owner, AudioFeed feed) {
    this.owner = owner;
    this.feed = feed;
  }

  @Override
  public void publish(Call call, CallEventType type, String reason) {
    owner.publish(call, type, reason);
  }

  @Override
  public void moveTo(Call call, CallState state, String reason) {
    owner.moveTo(call, state, reason);
  }

  @Override
  public void terminate(Call call, String reason) {
    if (call.state() == CallState.TERMINATED) {
      return; // ended before: its feed was stopped then
    }
    owner.terminate(call, reason);
    feed.ended(call).onFailure(err -> LOG.log(Level.WARNING, "call " + call.id() + ": media did not stop its feed",
        err));
  }
}
