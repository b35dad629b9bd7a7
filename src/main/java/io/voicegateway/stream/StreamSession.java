package io.voicegateway.stream;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.json.JsonArray;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.bus.PlaybackCommands;
import io.voicegateway.bus.SipCommands;
import io.voicegateway.config.StreamingConfig;
import io.voicegateway.config.StreamingConfig.OnDisconnect;
import io.voicegateway.media.FeedFrame;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One call's stream to its consumer, on the stream verticle's event loop: opens the WebSocket, sends the caller's
 * audio as it arrives (and what the caller hears) as Twilio {@code media} messages through a bounded {@link WriteQueue}, plays the consumer's {@code media},
 * {@code mark} and {@code clear} through the playback back channel ({@link PlaybackCommands}), and, when the
 * consumer is lost (unreachable, closed, stopped reading), reconnects or ends as {@code on_disconnect} says: hang up
 * the call, or stop the feed and let the call go on.
 */
final class StreamSession {
  private static final Logger LOG = Logger.getLogger(StreamSession.class.getName());
  /**
   * The most of the consumer's audio queued for playback: bots send a whole spoken answer at once, faster than real
   * time, so this is far longer than the queue toward the consumer ({@code max_queued}).
   */
  static final int PLAYBACK_QUEUE_MS = 60_000;
  /** A reconnect waits a little longer each time, so a consumer that is restarting gets a moment. */
  private static final long RECONNECT_STEP_MS = 200;
  /** How long a consumer has to answer the close handshake before its connection is dropped. */
  static final long CLOSE_GRACE_SECONDS = 2;
  /** Bytes Netty holds for a socket before it counts as full: about 300 ms of l16 messages. */
  private static final int SOCKET_QUEUE_BYTES = 16 * 1024;

  enum State { CONNECTING, OPEN, WAITING, ENDED }

  /** The stream's parameters that come from its call. */
  record CallInfo(String callId, Map<String, String> customParameters) {}

  private final Vertx vertx;
  private final WebSocketClient client;
  private final StreamingConfig.Stream config;
  private final CallInfo call;
  private final StreamMetrics metrics;
  private final LongSupplier epochMillis;
  private final Runnable onEnded;
  private final TwilioMessages messages;
  private final WriteQueue queue;
  private final WriteQueue.Socket socketView = new WriteQueue.Socket() {
    @Override
    public boolean full() {
      return socket == null || socket.writeQueueFull();
    }

    @Override
    public void write(String text) {
      socket.writeTextMessage(text);
    }
  };
  private State state = State.CONNECTING;
  private WebSocket socket;
  private MessageConsumer<Buffer> inboundFeed;
  private MessageConsumer<Buffer> outboundFeed;
  private PayloadCodec outboundCodec;
  private long firstFrameMs = -1;
  private int attemptsLeft;
  private boolean playbackOpen;

  StreamSession(Vertx vertx, WebSocketClient client, StreamingConfig.Stream config, CallInfo call,
      StreamMetrics metrics, LongSupplier epochMillis, Runnable onEnded) {
    this.vertx = vertx;
    this.client = client;
    this.config = config;
    this.call = call;
    this.metrics = metrics;
    this.epochMillis = epochMillis;
    this.onEnded = onEnded;
    this.messages = new TwilioMessages(StreamIds.streamSid(call.callId(), config.name()),
        StreamIds.accountSid(), call.callId());
    this.queue = new WriteQueue((int) (config.maxQueued().toMillis() / 20));
    this.attemptsLeft = config.reconnectAttempts();
  }

  String streamSid() {
    return messages.streamSid();
  }

  String callId() {
    return call.callId();
  }

  State state() {
    return state;
  }

  long framesDropped() {
    return queue.dropped();
  }

  /**
   * Starts the stream's own feeds of the call's first leg (the caller's), on addresses of this stream alone, so it
   * shares nothing with the call-wide feed other consumers take: the inbound track is the leg's packets as they
   * arrive, already in the stream's encoding (the media side's arrival tap: no jitter buffer, no mixer tick); the
   * outbound track is the mix the leg is sent, at the stream's rate. Then connects.
   */
  void start() {
    if (config.tracks().inbound()) {
      inboundFeed = feed(inboundAddress(), inboundTrack(), this::inbound);
    }
    if (config.tracks().outbound()) {
      outboundFeed = feed(outboundAddress(), MediaCommands.StreamStart.OUTBOUND, this::outbound);
    }
    connect();
  }

  /**
   * The arrival track whose bodies are the stream's payload as they come: μ-law at 8 kHz (a PCMU caller's bytes
   * untouched), or PCM16 little-endian at 16 kHz, which is {@code l16/16000}.
   */
  private String inboundTrack() {
    return config.encoding() == StreamingConfig.Encoding.MULAW_8000 ? MediaCommands.StreamStart.ARRIVAL_MULAW
        : MediaCommands.StreamStart.ARRIVAL;
  }

  /** Takes one track's messages, then asks the media side to feed it from the call's first leg (leg id null). */
  private MessageConsumer<Buffer> feed(String address, String track, Handler<Buffer> frames) {
    MessageConsumer<Buffer> consumer = vertx.eventBus().consumer(address, msg -> {
      if (state != State.ENDED) {
        frames.handle(msg.body());
      }
    });
    consumer.completion().compose(v -> vertx.eventBus().request(Addresses.MEDIA_STREAM_START,
        new MediaCommands.StreamStart(call.callId(), address, null, config.encoding().sampleRate(), track)))
        .onFailure(err -> LOG.warning("call " + call.callId() + ": stream " + config.name() + " has no " + track
            + " track: " + err.getMessage()));
    return consumer;
  }

  private void connect() {
    state = State.CONNECTING;
    WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(config.url().toString())
        .setConnectTimeout(config.connectTimeout().toMillis()).setTimeout(config.connectTimeout().toMillis());
    config.headers().forEach(options::putHeader);
    client.connect(options).onComplete(done -> {
      if (state == State.ENDED) {
        if (done.succeeded()) {
          done.result().close();
        }
      } else if (done.succeeded()) {
        opened(done.result());
      } else {
        lost("cannot connect to " + config.url() + ": " + done.cause().getMessage());
      }
    });
  }

  private void opened(WebSocket ws) {
    socket = ws;
    state = State.OPEN;
    ws.setWriteQueueMaxSize(SOCKET_QUEUE_BYTES);
    metrics.connected();
    ws.textMessageHandler(this::received);
    ws.drainHandler(v -> queue.drain(socketView));
    ws.closeHandler(v -> {
      if (socket == ws && state == State.OPEN) {
        lost("the consumer closed the WebSocket (" + ws.closeStatusCode() + " " + ws.closeReason() + ")");
      }
    });
    ws.exceptionHandler(err -> LOG.log(Level.FINE, "stream " + config.name() + ": " + err));
    messages.restart();
    ws.writeTextMessage(messages.connected());
    JsonArray tracks = new JsonArray();
    if (config.tracks().inbound()) {
      tracks.add(TwilioMessages.INBOUND);
    }
    if (config.tracks().outbound()) {
      tracks.add(TwilioMessages.OUTBOUND);
    }
    ws.writeTextMessage(messages.start(tracks, call.customParameters(), config.encoding().mimeType(),
        config.encoding().sampleRate()));
    if (config.bidirectional() && !playbackOpen) {
      openPlayback();
    }
  }

  private void openPlayback() {
    playbackOpen = true;
    vertx.eventBus().request(Addresses.PLAYBACK_OPEN, new PlaybackCommands.Open(call.callId(), streamSid(),
        config.encoding().sampleRate(), PLAYBACK_QUEUE_MS)).onFailure(err -> {
          playbackOpen = false;
          LOG.warning("call " + call.callId() + ": stream " + config.name() + " cannot play the consumer's audio: "
              + err.getMessage());
        });
  }

  /** One packet of the caller's as it arrived: its body is already the stream's payload. */
  private void inbound(Buffer message) {
    if (state != State.OPEN) {
      return;
    }
    byte[] m = message.getBytes();
    long captured = FeedFrame.timestampMs(m);
    boolean written = sendMedia(TwilioMessages.INBOUND, captured, Arrays.copyOfRange(m, FeedFrame.HEADER, m.length),
        m.length - FeedFrame.HEADER);
    if (written) {
      metrics.inboundLatency(epochMillis.getAsLong() - captured);
    }
  }

  /** One 20 ms frame of what the caller hears, PCM16 at the stream's rate: encoded to the stream's payload. */
  private void outbound(Buffer message) {
    if (state != State.OPEN) {
      return;
    }
    byte[] m = message.getBytes();
    int rate = FeedFrame.sampleRate(m);
    if (outboundCodec == null || outboundCodec.feedRate() != rate) {
      outboundCodec = new PayloadCodec(config.encoding(), rate);
    }
    short[] samples = FeedFrame.samples(m);
    int length = outboundCodec.encode(samples, samples.length);
    sendMedia(TwilioMessages.OUTBOUND, FeedFrame.timestampMs(m), outboundCodec.payload(), length);
  }

  private String inboundAddress() {
    return "vg.stream." + streamSid() + ".inbound";
  }

  private String outboundAddress() {
    return "vg.stream." + streamSid() + ".outbound";
  }

  /**
   * Queues one media message; {@code captured} (wall-clock ms) dates it: the first frame of either track is the
   * stream's time 0. True when it was written to the socket at once (nothing queued before it).
   */
  private boolean sendMedia(String track, long captured, byte[] payload, int length) {
    if (firstFrameMs < 0) {
      firstFrameMs = captured;
    }
    String text = messages.media(track, Math.max(0, captured - firstFrameMs), payload, length);
    int dropped = queue.offer(socketView, text, true);
    metrics.framesSent(1);
    boolean written = dropped == 0 && queue.queuedMedia() == 0;
    if (dropped > 0) {
      metrics.framesDropped(dropped);
    }
    if (queue.stalled()) {
      LOG.warning("call " + call.callId() + ": stream " + config.name() + " stopped reading; "
          + queue.dropped() + " frames dropped");
      WebSocket stalled = socket;
      socket = null;
      drop(stalled);
      lost("the consumer stopped reading");
    }
    return written;
  }

  private void received(String text) {
    if (!config.bidirectional() || state != State.OPEN) {
      return;
    }
    ConsumerMessage msg = ConsumerMessage.parse(text);
    EventBus bus = vertx.eventBus();
    switch (msg.kind()) {
      case MEDIA -> {
        metrics.framesReceived(1);
        if (playbackOpen) {
          bus.send(Addresses.playback(streamSid()), Buffer.buffer(PayloadCodec.toPcm16(config.encoding(),
              msg.payload())));
        }
      }
      case MARK -> {
        if (playbackOpen) {
          bus.request(Addresses.PLAYBACK_MARK, new PlaybackCommands.Mark(streamSid(), msg.markName()))
              .onFailure(err -> send(messages.mark(msg.markName())));
        } else {
          send(messages.mark(msg.markName()));
        }
      }
      case CLEAR -> {
        if (playbackOpen) {
          bus.<PlaybackCommands.Cleared>request(Addresses.PLAYBACK_CLEAR, new PlaybackCommands.Clear(streamSid()))
              .onSuccess(reply -> reply.body().pendingMarks().forEach(name -> send(messages.mark(name))));
        }
      }
      case IGNORED -> LOG.fine("stream " + config.name() + ": ignored a message: " + msg.problem());
    }
  }

  /** The media side played everything before a mark: Twilio echoes the mark then. */
  void markPlayed(String name) {
    send(messages.mark(name));
  }

  void dtmf(String digit) {
    send(messages.dtmf(digit));
  }

  private void send(String text) {
    if (state == State.OPEN) {
      queue.offer(socketView, text, false);
    }
  }

  /** The call ended: {@code stop}, then close. */
  void callEnded() {
    if (state == State.OPEN) {
      queue.drain(socketView);
      socket.writeTextMessage(messages.stop());
      WebSocket closing = socket;
      closing.close((short) 1000, "call ended");
      vertx.setTimer(TimeUnit.SECONDS.toMillis(CLOSE_GRACE_SECONDS), t -> {
        if (!closing.isClosed()) {
          drop(closing);
        }
      });
    }
    end(false);
  }

  /**
   * Closes the connection without the WebSocket close handshake: a consumer that reads nothing would never see the
   * close frame, and Vert.x's graceful close waits for it (keeping the connection, and the gateway's shutdown).
   */
  private static void drop(WebSocket ws) {
    if (ws instanceof WebSocketInternal internal) {
      internal.channelHandlerContext().close();
    } else {
      ws.close((short) 1008, "stopped reading");
    }
  }

  private void lost(String why) {
    if (state == State.ENDED) {
      return;
    }
    metrics.failed();
    socket = null;
    queue.clear();
    if (attemptsLeft > 0) {
      int attempt = config.reconnectAttempts() - attemptsLeft + 1;
      attemptsLeft--;
      state = State.WAITING;
      LOG.info("call " + call.callId() + ": stream " + config.name() + ": " + why + "; reconnecting (attempt "
          + attempt + " of " + config.reconnectAttempts() + ")");
      vertx.setTimer(RECONNECT_STEP_MS * attempt, t -> {
        if (state == State.WAITING) {
          connect();
        }
      });
      return;
    }
    LOG.warning("call " + call.callId() + ": stream " + config.name() + ": " + why + "; "
        + (config.onDisconnect() == OnDisconnect.HANGUP ? "hanging up" : "the call goes on without it"));
    EventBus bus = vertx.eventBus();
    if (config.onDisconnect() == OnDisconnect.HANGUP) {
      bus.request(Addresses.SIP_HANGUP, new SipCommands.Hangup(call.callId(), "stream " + config.name() + ": " + why));
    } else {
      bus.request(Addresses.SIP_STREAM, new SipCommands.Stream(call.callId(), false));
    }
    end(true);
  }

  private void stopFeed(MessageConsumer<Buffer> consumer) {
    if (consumer != null) {
      consumer.unregister();
      vertx.eventBus().request(Addresses.MEDIA_STREAM_STOP, new MediaCommands.StreamStop(call.callId(),
          consumer.address()));
    }
  }

  private void end(boolean closePlayback) {
    state = State.ENDED;
    stopFeed(inboundFeed);
    stopFeed(outboundFeed);
    if (playbackOpen && closePlayback) {
      vertx.eventBus().request(Addresses.PLAYBACK_CLOSE, new PlaybackCommands.Close(streamSid()));
    }
    playbackOpen = false;
    onEnded.run();
  }
}
