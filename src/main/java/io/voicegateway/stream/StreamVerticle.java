package io.voicegateway.stream;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.CallEvent;
import io.voicegateway.bus.PlaybackCommands;
import io.voicegateway.bus.RecordBodies;
import io.voicegateway.bus.StreamCommands;
import io.voicegateway.config.StreamingConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Twilio-Media-Streams-compatible WebSocket legs. It follows the calls over the bus only, like any edge: when call
 * control starts a route's feed (AUDIO_STARTED with reason {@code stream:NAME}, a route's or an IVR's {@code stream:})
 * and {@code streaming:} has a stream NAME, a {@link StreamSession} connects the call to that consumer; the API and
 * bridge clients start and stop named streams with {@link StreamCommands}. A call may run several named streams,
 * each its own streamSid and socket. DTMF_RECEIVED becomes a {@code dtmf} message on each, CALL_TERMINATED a
 * {@code stop}, and the back channel's MarkPlayed a {@code mark} echo. Control needs no hook: the stream ends a call
 * through {@code vg.sip.hangup}.
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
  /** How often an open stream pings its consumer, so a quiet one completes a write within the write-idle timeout. */
  static final long KEEPALIVE_MS = 2_000;

  private final StreamingConfig config;
  private final StreamMetrics metrics;
  private final LongSupplier epochMillis;
  /** The calls this verticle has heard of and not seen end, by id: their From, To and X- headers. */
  private final Map<String, CallEvent> calls = new HashMap<>();
  /** The streams of each call, by name. */
  private final Map<String, Map<String, StreamSession>> byCall = new HashMap<>();
  private final Map<String, StreamSession> bySid = new HashMap<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private WebSocketClient client;
  private long keepAlive;

  public StreamVerticle(StreamingConfig config, StreamMetrics metrics, LongSupplier epochMillis) {
    this.config = config;
    this.metrics = metrics;
    this.epochMillis = epochMillis;
  }

  /**
   * The client of every consumer socket. A socket on which no write completed for longer than the longest
   * {@code max_queued} (twice, and a margin) is closed by Vert.x at once: that is how a consumer that stopped reading
   * loses its TCP connection, since its close frame can never be written.
   */
  static WebSocketClientOptions clientOptions(StreamingConfig config) {
    long longestQueue = config.streams().values().stream().map(StreamingConfig.Stream::maxQueued)
        .mapToLong(Duration::toMillis).max().orElse(0);
    long writeIdle = Math.max(3 * KEEPALIVE_MS, 2 * longestQueue + KEEPALIVE_MS);
    return new WebSocketClientOptions().setMaxFrameSize(MAX_MESSAGE).setMaxMessageSize(MAX_MESSAGE)
        .setVerifyHost(true).setSendBufferSize(SEND_BUFFER)
        .setClosingTimeout((int) StreamSession.CLOSE_GRACE_SECONDS)
        .setWriteIdleTimeout((int) writeIdle).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        // One socket per streamed call, often all to one bot: Vert.x's default pool of 50 per server would queue the
        // 51st stream without a word (no connect timeout, no failure) until another call ended.
        .setMaxConnections(Integer.MAX_VALUE);
  }

  @Override
  public Future<?> start() {
    client = vertx.createWebSocketClient(clientOptions(config));
    EventBus bus = vertx.eventBus();
    consumers.add(bus.<CallEvent>consumer(Addresses.CALL_EVENTS, msg -> callEvent(msg.body())));
    consumers.add(bus.consumer(Addresses.PLAYBACK_EVENTS, msg -> {
      if (msg.body() instanceof PlaybackCommands.MarkPlayed played) {
        StreamSession session = bySid.get(played.playbackId());
        if (session != null) {
          session.markPlayed(played.name());
        }
      }
    }));
    consumers.add(bus.consumer(Addresses.STREAM_START, this::startRequested));
    consumers.add(bus.consumer(Addresses.STREAM_STOP, this::stopRequested));
    consumers.add(bus.consumer(Addresses.STREAM_QUERY, this::query));
    if (config.streams().values().stream().anyMatch(stream -> stream.cleaning().enabled())) {
      // Loads the speech cleaner's natives off the event loop now: the first cleaned call need not wait for them,
      // and natives that cannot load are reported (one WARN) when the gateway starts.
      vertx.executeBlocking(SpeechCleaners.APM::warmUp);
    }
    keepAlive = vertx.setPeriodic(KEEPALIVE_MS, t -> bySid.values().forEach(StreamSession::keepAlive));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  /** The streams running now (for tests and the health view). */
  int active() {
    return bySid.size();
  }

  private void callEvent(CallEvent event) {
    switch (event.type()) {
      case AUDIO_STARTED -> {
        calls.put(event.callId(), event);
        routeStarted(event);
      }
      case DTMF_RECEIVED -> {
        if (event.digit() != null) {
          sessionsOf(event.callId()).forEach(session -> session.dtmf(event.digit()));
        }
      }
      case CALL_TERMINATED -> {
        calls.remove(event.callId());
        sessionsOf(event.callId()).forEach(StreamSession::callEnded);
      }
      case AUDIO_STOPPED -> { }
      default -> calls.put(event.callId(), event);
    }
  }

  private void routeStarted(CallEvent event) {
    String reason = event.reason();
    if (reason == null || !reason.startsWith(ROUTE_REASON)) {
      return;
    }
    String name = reason.substring(ROUTE_REASON.length());
    if (running(event.callId(), name) != null) {
      return;
    }
    config.stream(name).ifPresent(stream -> open(stream, new StreamSession.CallInfo(event.callId(),
        CallParameters.of(stream.customParameters(), Map.of(), event), false)));
  }

  private StreamSession open(StreamingConfig.Stream stream, StreamSession.CallInfo call) {
    StreamSession[] self = new StreamSession[1];
    StreamSession session = new StreamSession(vertx, client, stream, call, metrics, epochMillis,
        () -> forget(self[0]));
    self[0] = session;
    byCall.computeIfAbsent(call.callId(), id -> new LinkedHashMap<>()).put(stream.name(), session);
    bySid.put(session.streamSid(), session);
    session.start();
    return session;
  }

  private void forget(StreamSession session) {
    bySid.remove(session.streamSid(), session);
    Map<String, StreamSession> streams = byCall.get(session.callId());
    if (streams != null && streams.remove(session.name(), session) && streams.isEmpty()) {
      byCall.remove(session.callId());
    }
  }

  private StreamSession running(String callId, String name) {
    return byCall.getOrDefault(callId, Map.of()).get(name);
  }

  private List<StreamSession> sessionsOf(String callId) {
    return List.copyOf(byCall.getOrDefault(callId, Map.of()).values());
  }

  /**
   * {@link StreamCommands.Start} on a call this verticle heard of: the stream takes its own feeds of the call's
   * caller (as a route's does), and the reply waits for the consumer's {@code start}.
   */
  private void startRequested(Message<Object> msg) {
    StreamCommands.Start start = RecordBodies.body(msg, StreamCommands.Start.class);
    if (start == null) {
      return;
    }
    if (config.streams().isEmpty()) {
      msg.fail(503, "no streams are configured (the streaming: section is empty)");
      return;
    }
    StreamingConfig.Stream stream = config.stream(start.name()).orElse(null);
    if (stream == null) {
      msg.fail(400, "unknown stream '" + start.name() + "'; configured: " + String.join(", ",
          config.streams().keySet()));
      return;
    }
    CallEvent call = start.callId() == null ? null : calls.get(start.callId());
    if (call == null) {
      msg.fail(404, "no call " + start.callId());
      return;
    }
    if (running(call.callId(), stream.name()) != null) {
      msg.fail(409, "stream " + stream.name() + " already runs on call " + call.callId());
      return;
    }
    StreamSession session = open(stream, new StreamSession.CallInfo(call.callId(),
        CallParameters.of(stream.customParameters(), start.customParameters(), call), true));
    session.opened().onComplete(done -> {
      if (done.succeeded()) {
        RecordBodies.reply(msg, new StreamCommands.Started(call.callId(), stream.name(), session.streamSid()));
      } else {
        msg.fail(502, "stream " + stream.name() + ": " + done.cause().getMessage());
      }
    });
  }

  /** {@link StreamCommands.Stop}: {@code stop} to the consumer, the socket closed; the call goes on. */
  private void stopRequested(Message<Object> msg) {
    StreamCommands.Stop stop = RecordBodies.body(msg, StreamCommands.Stop.class);
    if (stop == null) {
      return;
    }
    StreamSession session = stop.streamSid() == null ? null : bySid.get(stop.streamSid());
    if (session == null || !session.callId().equals(stop.callId())) {
      msg.fail(404, "no stream " + stop.streamSid() + " on call " + stop.callId());
      return;
    }
    session.stop();
    RecordBodies.reply(msg, stop);
  }

  /** {@link StreamCommands.Query}: the streams of a call this verticle knows; 404 for a call it does not. */
  private void query(Message<Object> msg) {
    StreamCommands.Query query = RecordBodies.body(msg, StreamCommands.Query.class);
    if (query == null) {
      return;
    }
    List<StreamSession> sessions = sessionsOf(query.callId());
    if (sessions.isEmpty() && !calls.containsKey(query.callId())) {
      msg.fail(404, "no call " + query.callId());
      return;
    }
    RecordBodies.reply(msg, new StreamCommands.Streams(query.callId(), sessions.stream()
        .map(s -> new StreamCommands.Started(s.callId(), s.name(), s.streamSid())).toList()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(keepAlive);
    List.copyOf(bySid.values()).forEach(StreamSession::callEnded);
    List<Future<?>> done = new ArrayList<>(consumers.stream().map(MessageConsumer::unregister).toList());
    done.add(client.shutdown(StreamSession.CLOSE_GRACE_SECONDS, TimeUnit.SECONDS));
    return Future.all(done);
  }
}
