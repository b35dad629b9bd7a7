package io.voicegateway.transport;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.CallEventType;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.MediaEvents;
import io.voicegateway.metrics.GatewayMetrics;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns media events into {@link CallEvent}s that carry the same identity (From, To, Call-ID, X- headers)
 * as the SIP verticle's CALL_STARTED, which it remembers per call until CALL_TERMINATED. Also closes what
 * is left of a terminated call's media, so every port returns to the pool whatever the ending. Counts each
 * received digit in {@code vg_media_dtmf_events}; events are stamped by the injected wall clock.
 */
final class CallEventPublisher implements MediaEvents {
  static final String RTP_TIMEOUT = "rtp timeout";

  private final Vertx vertx;
  private final MediaEngine engine;
  private final GatewayMetrics metrics;
  private final Clock wallClock;
  private final Map<String, CallEvent> identities = new ConcurrentHashMap<>();
  private MessageConsumer<CallEvent> consumer;

  CallEventPublisher(Vertx vertx, MediaTransport media) {
    this.vertx = vertx;
    this.engine = media.engine();
    this.metrics = media.metrics();
    this.wallClock = media.wallClock();
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
    metrics.dtmfEvent();
    publish(event(CallEventType.DTMF_RECEIVED, callId, String.valueOf(digit), durationMs));
  }

  @Override
  public void audioStarted(String callId, String legId) {
    publish(event(CallEventType.AUDIO_STARTED, callId, null, 0));
  }

  @Override
  public void audioStopped(String callId, String legId) {
    publish(event(CallEventType.AUDIO_STOPPED, callId, null, 0));
  }

  @Override
  public void faxDetected(String callId, String legId, String tone, String mode) {
    metrics.faxDetected(mode);
    CallEvent e = event(CallEventType.FAX_DETECTED, callId, null, 0);
    publish(new CallEvent(e.type(), e.callId(), e.direction(), e.from(), e.to(), e.sipCallId(), e.xHeaders(),
        e.timestampMs(), null, 0, tone + " " + mode));
  }

  /** An event of the call with the identity its CALL_STARTED carried, stamped now. */
  private CallEvent event(CallEventType type, String callId, String digit, int durationMs) {
    CallEvent id = identity(callId);
    return new CallEvent(type, callId, id.direction(), id.from(), id.to(), id.sipCallId(), id.xHeaders(),
        wallClock.millis(), digit, durationMs, null);
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
