package io.voicegateway.transport;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.PlaybackCommands;
import io.voicegateway.bus.RecordBodies;
import io.voicegateway.media.MediaEngine;
import io.voicegateway.media.playback.Playback;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves {@code vg.media.playback.*}: opens a {@link Playback} in a call's mix, feeds it the audio sent to its
 * address, sets marks, clears, closes. Every handler runs on this verticle's one event loop, which makes it the
 * playback's single writer; the mixer thread reads. A bridge client sends the same requests as JSON objects (and
 * audio as base64 strings) and is answered in JSON. Mark reports are published from the mixer thread (a publish
 * only queues the message). A playback whose call has lost its media is closed by a sweep, with
 * {@link PlaybackCommands.Closed} on {@link Addresses#PLAYBACK_EVENTS}.
 */
public final class PlaybackVerticle extends VerticleBase {
  static final long SWEEP_MS = 1_000;
  /** {@code maxQueuedMs} bounds: one frame, and two minutes (a long answer sent at once, 11 MB at 48 kHz). */
  static final int MIN_QUEUED_MS = 20;
  static final int MAX_QUEUED_MS = 120_000;

  private final MediaEngine engine;
  private final Map<String, Served> playbacks = new HashMap<>(); // event loop only
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private byte[] scratch = new byte[3840]; // one Buffer's bytes at a time; grows to the largest chunk seen
  private long sweep;

  private record Served(Playback playback, MessageConsumer<Object> audio) {}

  public PlaybackVerticle(MediaEngine engine) {
    this.engine = engine;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    consumers.add(bus.consumer(Addresses.PLAYBACK_OPEN, this::open));
    consumers.add(bus.consumer(Addresses.PLAYBACK_MARK, msg -> {
      PlaybackCommands.Mark mark = body(msg, PlaybackCommands.Mark.class);
      Playback p = mark == null ? null : find(msg, mark.playbackId());
      if (p != null) {
        p.mark(mark.name());
        reply(msg, mark);
      }
    }));
    consumers.add(bus.consumer(Addresses.PLAYBACK_CLEAR, msg -> {
      PlaybackCommands.Clear clear = body(msg, PlaybackCommands.Clear.class);
      Playback p = clear == null ? null : find(msg, clear.playbackId());
      if (p != null) {
        reply(msg, new PlaybackCommands.Cleared(p.playbackId(), p.clear()));
      }
    }));
    consumers.add(bus.consumer(Addresses.PLAYBACK_CLOSE, msg -> {
      PlaybackCommands.Close close = body(msg, PlaybackCommands.Close.class);
      if (close != null && find(msg, close.playbackId()) != null) {
        reply(msg, end(close.playbackId()));
      }
    }));
    sweep = vertx.setPeriodic(SWEEP_MS, id -> endThoseWithoutCall());
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  private void open(Message<Object> msg) {
    PlaybackCommands.Open open = body(msg, PlaybackCommands.Open.class);
    if (open == null) {
      return;
    }
    String id = open.playbackId();
    if (open.callId() == null) {
      msg.fail(400, "no callId");
      return;
    }
    if (id == null || id.isEmpty() || id.contains(".")) {
      msg.fail(400, "playbackId must be a non-empty name without dots: " + id);
      return;
    }
    if (open.maxQueuedMs() < MIN_QUEUED_MS || open.maxQueuedMs() > MAX_QUEUED_MS) {
      msg.fail(400, "maxQueuedMs " + open.maxQueuedMs() + " is not " + MIN_QUEUED_MS + "…" + MAX_QUEUED_MS);
      return;
    }
    if (!Playback.RATES.contains(open.sampleRate())) {
      msg.fail(400, "sampleRate " + open.sampleRate() + " is not one of " + Playback.RATES);
      return;
    }
    if (playbacks.containsKey(id)) {
      msg.fail(409, "playback " + id + " is open");
      return;
    }
    EventBus bus = vertx.eventBus();
    String callId = open.callId();
    Playback playback = new Playback(callId, id, open.sampleRate(), open.maxQueuedMs(),
        name -> bus.publish(Addresses.PLAYBACK_EVENTS, new PlaybackCommands.MarkPlayed(callId, id, name)));
    if (!engine.attachToLiveCall(callId, playback)) {
      msg.fail(404, "call " + callId + " has no media");
      return;
    }
    MessageConsumer<Object> audio = bus.consumer(Addresses.playback(id), m -> write(playback, m.body()));
    playbacks.put(id, new Served(playback, audio));
    audio.completion().onComplete(done -> reply(msg, new PlaybackCommands.Opened(callId, id)));
  }

  /**
   * The request's record: the record itself on the bus, or its JSON form from a bridge client. Fails the request
   * with 400 (and returns null) when the body is neither.
   */
  private static <T extends Record> T body(Message<Object> msg, Class<T> type) {
    return RecordBodies.body(msg, type);
  }

  private static void reply(Message<Object> msg, Record reply) {
    RecordBodies.reply(msg, reply);
  }

  /** A Buffer of PCM16 LE; from a JSON bridge, the same bytes as a base64 or base64url String. */
  private void write(Playback playback, Object body) {
    if (body instanceof Buffer buffer) {
      int n = buffer.length();
      if (scratch.length < n) {
        scratch = new byte[n];
      }
      buffer.getBytes(0, n, scratch, 0);
      playback.write(scratch, 0, n);
    } else if (body instanceof String text) {
      try {
        boolean url = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        byte[] bytes = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
        playback.write(bytes, 0, bytes.length);
      } catch (IllegalArgumentException notBase64) {
        // not audio: nothing to play
      }
    }
  }

  private Playback find(Message<Object> msg, String playbackId) {
    Served served = playbacks.get(playbackId);
    if (served == null) {
      msg.fail(404, "no playback " + playbackId);
      return null;
    }
    return served.playback();
  }

  private PlaybackCommands.Closed end(String playbackId) {
    Served served = playbacks.remove(playbackId);
    Playback p = served.playback();
    p.close();
    engine.detach(p.callId(), p);
    served.audio().unregister();
    return new PlaybackCommands.Closed(p.callId(), playbackId, p.framesPlayed(), p.framesDropped());
  }

  private void endThoseWithoutCall() {
    List<String> ended = new ArrayList<>();
    for (Served served : playbacks.values()) {
      if (!engine.hasCall(served.playback().callId())) {
        ended.add(served.playback().playbackId());
      }
    }
    for (String id : ended) {
      vertx.eventBus().publish(Addresses.PLAYBACK_EVENTS, end(id));
    }
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweep);
    for (String id : List.copyOf(playbacks.keySet())) {
      end(id);
    }
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
  }
}
