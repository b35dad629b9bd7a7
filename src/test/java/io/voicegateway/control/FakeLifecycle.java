package io.voicegateway.control;

import io.voicegateway.bus.CallEventType;
import java.util.ArrayList;
import java.util.List;

/** A {@link CallLifecycle} that moves the call's state and records the events, as the real one publishes them. */
public final class FakeLifecycle implements CallLifecycle {
  public final List<CallEventType> events = new ArrayList<>();
  public final List<String> terminated = new ArrayList<>();

  @Override
  public void publish(Call call, CallEventType type, String reason) {
    events.add(type);
  }

  @Override
  public void moveTo(Call call, CallState state, String reason) {
    call.moveTo(state, 0).ifPresent(events::add);
  }

  @Override
  public void terminate(Call call, String reason) {
    if (call.state() != CallState.TERMINATED) {
      moveTo(call, CallState.TERMINATED, reason);
      terminated.add(reason);
    }
  }
}
