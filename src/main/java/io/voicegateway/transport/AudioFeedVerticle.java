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
 * at the consumer's own rate (a voice-AI stream's inbound or outbound audio), or its packets as they arrive (a
 * stream's low-latency inbound track, published on the leg's RTP thread). Publishing happens on the mixer thread: the event
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
      } catch (NoSuchLeg gone) {
        msg.fail(404, gone.getMessage());
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

  /**
   * The call's feed, or one consumer's feed of one leg's track (issue 12): named by its leg id, or for a track other
   * than inbound without one, the call's first leg.
   */
  private boolean start(EventBus bus, StreamStart start) throws NoSuchLeg {
    String address = start.address();
    String track = start.track() == null ? StreamStart.INBOUND : start.track();
    boolean mulaw = StreamStart.ARRIVAL_MULAW.equals(track);
    boolean arrival = mulaw || StreamStart.ARRIVAL.equals(track);
    if (!arrival && !StreamStart.INBOUND.equals(track) && !StreamStart.OUTBOUND.equals(track)) {
      throw new IllegalArgumentException("track " + track + " is not inbound, outbound, arrival or arrival-mulaw");
    }
    if (mulaw && start.sampleRate() != 0 && start.sampleRate() != 8000) {
      throw new IllegalArgumentException("the arrival-mulaw track is 8000 Hz, not " + start.sampleRate());
    }
    int feedRate = mulaw ? 8000 : start.sampleRate() == 0 ? rate : start.sampleRate();
    AudioFeed feed = new AudioFeed(start.callId(), feedRate,
        (frame, length) -> bus.publish(address, Buffer.buffer(length).appendBytes(frame, 0, length)),
        wallClock::millis);
    if (start.legId() == null && StreamStart.INBOUND.equals(track)) {
      return engine.startFeed(feed);
    }
    String legId = start.legId() != null ? start.legId() : engine.firstLeg(start.callId());
    if (legId == null || engine.leg(legId) == null) {
      throw new NoSuchLeg(start.legId() == null ? "call " + start.callId() + " has no media leg"
          : "no open leg " + start.legId());
    }
    if (arrival) {
      return engine.startArrivalFeed(address, feed, legId, mulaw);
    }
    return engine.startLegFeed(address, feed, legId, StreamStart.OUTBOUND.equals(track));
  }

  /** The leg to feed is not open (a 404, where a bad request is a 400). */
  private static final class NoSuchLeg extends Exception {
    NoSuchLeg(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public Future<?> stop() {
    return Future.all(List.of(starts.unregister(), stops.unregister()));
  }
}
