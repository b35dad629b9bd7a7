package io.voicegateway.stream;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.MediaCommands;
import io.voicegateway.bus.PlaybackCommands;
import io.voicegateway.bus.SipCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a stream talks to over the bus, faked: the playback back channel (records audio, marks and clears and answers
 * as the media side does), the per-leg feed requests, and the SIP side's hang-up and feed-stop commands.
 */
final class FakeMediaSide {
  final BlockingQueue<Object> commands = new LinkedBlockingQueue<>();
  final List<Buffer> audio = new CopyOnWriteArrayList<>();
  private final List<String> pendingMarks = new ArrayList<>();

  /** Registers every fake on one context, so (as in the media verticle) they answer in the order asked. */
  FakeMediaSide(Vertx vertx, String playbackId) throws Exception {
    java.util.concurrent.CompletableFuture<Void> registered = new java.util.concurrent.CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> register(vertx.eventBus(), playbackId).onComplete(done -> {
      if (done.succeeded()) {
        registered.complete(null);
      } else {
        registered.completeExceptionally(done.cause());
      }
    }));
    registered.get(30, TimeUnit.SECONDS);
  }

  private io.vertx.core.Future<?> register(EventBus bus, String playbackId) {
    List<io.vertx.core.Future<Void>> ready = List.of(
        bus.<PlaybackCommands.Open>consumer(Addresses.PLAYBACK_OPEN, m -> {
          commands.add(m.body());
          m.reply(new PlaybackCommands.Opened(m.body().callId(), m.body().playbackId()));
        }).completion(),
        bus.<PlaybackCommands.Mark>consumer(Addresses.PLAYBACK_MARK, m -> {
          commands.add(m.body());
          synchronized (pendingMarks) {
            pendingMarks.add(m.body().name());
          }
          m.reply(m.body());
        }).completion(),
        bus.<PlaybackCommands.Clear>consumer(Addresses.PLAYBACK_CLEAR, m -> {
          commands.add(m.body());
          synchronized (pendingMarks) {
            m.reply(new PlaybackCommands.Cleared(m.body().playbackId(), List.copyOf(pendingMarks)));
            pendingMarks.clear();
          }
        }).completion(),
        bus.<PlaybackCommands.Close>consumer(Addresses.PLAYBACK_CLOSE, m -> {
          commands.add(m.body());
          m.reply(new PlaybackCommands.Closed("", m.body().playbackId(), 0, 0));
        }).completion(),
        bus.consumer(Addresses.PLAYBACK_EVENTS, m -> {
          if (m.body() instanceof PlaybackCommands.MarkPlayed played) {
            synchronized (pendingMarks) {
              pendingMarks.remove(played.name());
            }
          }
        }).completion(),
        bus.<Buffer>consumer(Addresses.playback(playbackId), m -> audio.add(m.body())).completion(),
        bus.<SipCommands.Hangup>consumer(Addresses.SIP_HANGUP, m -> {
          commands.add(m.body());
          m.reply(null);
        }).completion(),
        bus.<SipCommands.Stream>consumer(Addresses.SIP_STREAM, m -> {
          commands.add(m.body());
          m.reply(null);
        }).completion(),
        bus.<MediaCommands.StreamStart>consumer(Addresses.MEDIA_STREAM_START, m -> {
          commands.add(m.body());
          m.reply(true);
        }).completion(),
        bus.<MediaCommands.StreamStop>consumer(Addresses.MEDIA_STREAM_STOP, m -> {
          commands.add(m.body());
          m.reply(true);
        }).completion());
    return io.vertx.core.Future.all(ready);
  }

  /** The next command of {@code type} (others are skipped). */
  <T> T next(Class<T> type) throws InterruptedException {
    while (true) {
      Object c = commands.poll(30, TimeUnit.SECONDS);
      if (c == null) {
        throw new AssertionError("no " + type.getSimpleName() + " came");
      }
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
  }

  /** The marks queued so far (the test plays them by publishing MarkPlayed). */
  List<String> pendingMarks() {
    synchronized (pendingMarks) {
      return List.copyOf(pendingMarks);
    }
  }
}
