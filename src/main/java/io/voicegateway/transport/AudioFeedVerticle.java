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
 * frames it publishes on the call's address as Buffers; or, for a leg id, one consumer's feed of one leg's track
 * at the consumer's own rate (a voice-AI stream's inbound or outbound audio). Publishing happens on the mixer thread: the event
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
      try {
        msg.reply(start(bus, start));
      } catch (IllegalArgumentException bad) {
        msg.fail(start.legId() != null && engine.leg(start.legId()) == null ? 404 : 400, bad.getMessage());
      }
    });
    stops = bus.consumer(Addresses.MEDIA_STREAM_STOP, msg -> {
      StreamStop stop = msg.body();
      msg.reply(stop.address() == null ? engine.stopFeed(stop.callId()) : engine.stopLegFeed(stop.address()));
    });
    return Future.all(List.of(starts.completion(), stops.completion()));
  }

  /** The call's feed, or with a leg id one consumer's feed of that leg's track (issue 12). */
  private boolean start(EventBus bus, StreamStart start) {
    String address = start.address();
    String track = start.track() == null ? StreamStart.INBOUND : start.track();
    if (!StreamStart.INBOUND.equals(track) && !StreamStart.OUTBOUND.equals(track)) {
      throw new IllegalArgumentException("track " + track + " is not inbound or outbound");
    }
    if (start.legId() == null && !StreamStart.INBOUND.equals(track)) {
      throw new IllegalArgumentException("the outbound track is a one-leg feed: name the leg");
    }
    AudioFeed feed = new AudioFeed(start.callId(), start.sampleRate() == 0 ? rate : start.sampleRate(),
        (frame, length) -> bus.publish(address, Buffer.buffer(length).appendBytes(frame, 0, length)),
        wallClock::millis);
    if (start.legId() == null) {
      return engine.startFeed(feed);
    }
    return engine.startLegFeed(address, feed, start.legId(), StreamStart.OUTBOUND.equals(track));
  }

  @Override
  public Future<?> stop() {
    return Future.all(List.of(starts.unregister(), stops.unregister()));
  }
}
