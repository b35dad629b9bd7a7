package io.voicegateway.transport;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.MediaCommands.StreamStart;
import io.voicegateway.bus.MediaCommands.StreamStop;
import io.voicegateway.media.AudioFeed;
import io.voicegateway.media.MediaEngine;
import java.time.Clock;
import java.util.List;

/**
 * The media side of the audio feed: serves {@link Addresses#MEDIA_STREAM_START} and
 * {@link Addresses#MEDIA_STREAM_STOP} by starting and stopping an {@link AudioFeed} in the engine, whose
 * frames it publishes on the call's address as Buffers. Publishing happens on the mixer thread: the event
 * bus only queues the message for each consumer's own context, so the mixer never waits for a consumer.
 */
public final class AudioFeedVerticle extends VerticleBase {
  private final MediaEngine engine;
  private final int rate;
  private final Clock wallClock;
  private MessageConsumer<StreamStart> starts;
  private MessageConsumer<StreamStop> stops;

  public AudioFeedVerticle(MediaTransport media) {
    this.engine = media.engine();
    this.rate = media.config().outputSampleRate();
    this.wallClock = media.wallClock();
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    starts = bus.consumer(Addresses.MEDIA_STREAM_START, msg -> {
      StreamStart start = msg.body();
      String address = start.address();
      msg.reply(engine.startFeed(new AudioFeed(start.callId(), rate,
          (frame, length) -> bus.publish(address, Buffer.buffer(length).appendBytes(frame, 0, length)),
          wallClock::millis)));
    });
    stops = bus.consumer(Addresses.MEDIA_STREAM_STOP, msg -> msg.reply(engine.stopFeed(msg.body().callId())));
    return Future.all(List.of(starts.completion(), stops.completion()));
  }

  @Override
  public Future<?> stop() {
    return Future.all(List.of(starts.unregister(), stops.unregister()));
  }
}
