package io.voicegateway.rtp;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.MediaEvents;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns media events into {@link CallEvent}s that carry the same identity (From, To, Call-ID, X- headers)
 * as the SIP verticle's CALL_STARTED, which it remembers per call until CALL_TERMINATED. Also closes what
 * is left of a terminated call's media, so every port returns to the pool whatever the ending.
 */
final class CallEventPublisher implements MediaEvents {
  static final String RTP_TIMEOUT = "rtp timeout";

  private final Vertx vertx;
  private final MediaEngine engine;
  private final Map<String, CallEvent> identities = new ConcurrentHashMap<>();
  private MessageConsumer<CallEvent> consumer;

  CallEventPublisher(Vertx vertx, MediaEngine engine) {
    this.vertx = vertx;
    this.engine = engine;
  }

  void listen() {
    consumer = vertx.eventBus().consumer(Addresses.CALL_EVENTS, msg -> {
      CallEvent event = msg.body();
      if (event.type() == CallEventType.CALL_STARTED) {
        identities.put(event.callId(), event);
      } else if (event.type() == CallEventType.CALL_TERMINATED) {
        identities.remove(event.callId());
        engine.closeCall(event.callId());
      }
    });
  }

  void stop() {
    if (consumer != null) {
      consumer.unregister();
    }
  }

  @Override
  public void dtmf(String callId, String legId, char digit, int durationMs) {
    CallEvent id = identity(callId);
    publish(new CallEvent(CallEventType.DTMF_RECEIVED, callId, id.direction(), id.from(), id.to(), id.sipCallId(),
        id.xHeaders(), System.currentTimeMillis(), String.valueOf(digit), durationMs, null));
  }

  @Override
  public void audioStarted(String callId, String legId) {
    publish(identity(callId).next(CallEventType.AUDIO_STARTED, null, System.currentTimeMillis()));
  }

  @Override
  public void audioStopped(String callId, String legId) {
    publish(identity(callId).next(CallEventType.AUDIO_STOPPED, null, System.currentTimeMillis()));
  }

  @Override
  public void mediaLost(String callId, String legId) {
    vertx.eventBus().request(Addresses.SIP_HANGUP, new SipCommands.Hangup(callId, RTP_TIMEOUT));
  }

  private CallEvent identity(String callId) {
    CallEvent known = identities.get(callId);
    return known != null ? known
        : new CallEvent(CallEventType.CALL_STARTED, callId, null, null, null, null, Map.of(), 0, null, 0, null);
  }

  private void publish(CallEvent event) {
    vertx.eventBus().publish(Addresses.CALL_EVENTS, event);
  }
}
