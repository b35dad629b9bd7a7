package io.voicegateway.stream;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.PlaybackCommands;
import io.voicegateway.config.StreamingConfig;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Twilio-Media-Streams-compatible WebSocket legs. It follows the calls over the bus only, like any edge: when call
 * control starts a route's feed (AUDIO_STARTED with reason {@code stream:NAME}) and {@code streaming:} has a stream
 * NAME, a {@link StreamSession} connects the call to that consumer; DTMF_RECEIVED becomes a {@code dtmf} message,
 * CALL_TERMINATED a {@code stop}, and the back channel's MarkPlayed a {@code mark} echo. Control needs no hook:
 * the feed it starts is the stream's inbound audio, and the stream ends a call through {@code vg.sip.hangup}.
 */
public final class StreamVerticle extends VerticleBase {
  /** The AUDIO_STARTED reason prefix of a route's stream (control's AudioFeed). */
  static final String ROUTE_REASON = "stream:";
  /** The largest message a consumer may send: a few seconds of l16 audio in one media message. */
  private static final int MAX_MESSAGE = 4 * 1024 * 1024;
  /**
   * The kernel's send buffer per consumer socket: real-time audio must not hide seconds in it (64 KB is about 1 s of
   * l16 messages), so a consumer that stops reading fills it soon and the write queue's bound takes over.
   */
  private static final int SEND_BUFFER = 64 * 1024;

  private final StreamingConfig config;
  private final StreamMetrics metrics;
  private final LongSupplier epochMillis;
  private final Map<String, StreamSession> byCall = new HashMap<>();
  private final Map<String, StreamSession> bySid = new HashMap<>();
  private WebSocketClient client;
  private MessageConsumer<CallEvent> events;
  private MessageConsumer<Object> playbackEvents;

  public StreamVerticle(StreamingConfig config, StreamMetrics metrics, LongSupplier epochMillis) {
    this.config = config;
    this.metrics = metrics;
    this.epochMillis = epochMillis;
  }

  @Override
  public Future<?> start() {
    client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(MAX_MESSAGE)
        .setMaxMessageSize(MAX_MESSAGE).setVerifyHost(true).setSendBufferSize(SEND_BUFFER)
        // One socket per streamed call, often all to one bot: Vert.x's default pool of 50 per server would queue the
        // 51st stream without a word (no connect timeout, no failure) until another call ended.
        .setMaxConnections(Integer.MAX_VALUE));
    EventBus bus = vertx.eventBus();
    events = bus.consumer(Addresses.CALL_EVENTS, msg -> callEvent(msg.body()));
    playbackEvents = bus.consumer(Addresses.PLAYBACK_EVENTS, msg -> {
      if (msg.body() instanceof PlaybackCommands.MarkPlayed played) {
        StreamSession session = bySid.get(played.playbackId());
        if (session != null) {
          session.markPlayed(played.name());
        }
      }
    });
    return Future.all(List.of(events.completion(), playbackEvents.completion()));
  }

  /** The streams running now, by call id (for tests and the health view). */
  int active() {
    return byCall.size();
  }

  private void callEvent(CallEvent event) {
    switch (event.type()) {
      case AUDIO_STARTED -> started(event);
      case DTMF_RECEIVED -> {
        StreamSession session = byCall.get(event.callId());
        if (session != null && event.digit() != null) {
          session.dtmf(event.digit());
        }
      }
      case CALL_TERMINATED -> {
        StreamSession session = byCall.get(event.callId());
        if (session != null) {
          session.callEnded();
        }
      }
      default -> { }
    }
  }

  private void started(CallEvent event) {
    String reason = event.reason();
    if (reason == null || !reason.startsWith(ROUTE_REASON) || byCall.containsKey(event.callId())) {
      return;
    }
    config.stream(reason.substring(ROUTE_REASON.length())).ifPresent(stream -> {
      StreamSession session = new StreamSession(vertx, client, stream,
          new StreamSession.CallInfo(event.callId(), customParameters(stream, event)), metrics, epochMillis,
          () -> forget(event.callId()));
      byCall.put(event.callId(), session);
      bySid.put(session.streamSid(), session);
      session.start();
    });
  }

  private void forget(String callId) {
    StreamSession session = byCall.remove(callId);
    if (session != null) {
      bySid.remove(session.streamSid());
    }
  }

  /** The stream's own parameters, then the call's From, To and X- headers (which win on a clash). */
  static Map<String, String> customParameters(StreamingConfig.Stream stream, CallEvent event) {
    Map<String, String> out = new LinkedHashMap<>(stream.customParameters());
    if (event.from() != null) {
      out.put("From", event.from());
    }
    if (event.to() != null) {
      out.put("To", event.to());
    }
    out.putAll(event.xHeaders());
    return out;
  }

  @Override
  public Future<?> stop() {
    List.copyOf(byCall.values()).forEach(StreamSession::callEnded);
    return Future.all(List.of(events.unregister(), playbackEvents.unregister(),
        client.shutdown(StreamSession.CLOSE_GRACE_SECONDS, TimeUnit.SECONDS)));
  }
}
