package io.voicegateway.transport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.voicegateway.bus.Addresses;
import io.voicegateway.bus.LegDirection;
import io.voicegateway.bus.MediaCommands.DtmfSend;
import io.voicegateway.bus.MediaCommands.LegClose;
import io.voicegateway.bus.MediaCommands.LegMove;
import io.voicegateway.bus.MediaCommands.LegOpen;
import io.voicegateway.bus.MediaCommands.LegOpened;
import io.voicegateway.bus.MediaCommands.LegStart;
import io.voicegateway.media.LegConfig;
import io.voicegateway.media.LegMedia;
import io.voicegateway.media.MediaEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * RTP port pool I/O on an event loop; deploy one instance per core, all sharing one {@link MediaEngine}.
 * Serves the media commands of the SIP verticle: LEG_OPEN takes a port pair and binds it on this
 * instance's event loop (its sockets' packets are handled there), LEG_START builds and swaps a leg's
 * pipeline, LEG_CLOSE closes it and returns the ports, DTMF_SEND queues RFC 4733 digits, STATS reports each
 * leg's counters and level. Audio never
 * crosses the event bus: packets go straight from the socket into the leg's jitter buffer.
 */
public final class RtpVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(RtpVerticle.class.getName());
  /** The watchdog and RTCP timer. */
  static final long CHECK_MS = 250;
  /** Ports tried when a pair from the pool turns out to be taken by another process. */
  private static final int BIND_ATTEMPTS = 8;

  private final MediaTransport media;
  private final MediaEngine engine;
  private final Map<String, RtpLegSocket> sockets = new ConcurrentHashMap<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private CallEventPublisher publisher; // only on the instance whose publisher the engine took
  private long timer;

  public RtpVerticle(MediaTransport media) {
    this.media = media;
    this.engine = media.engine();
  }

  @Override
  public Future<?> start() {
    // One publisher for all instances: it also remembers the call identities.
    CallEventPublisher candidate = new CallEventPublisher(vertx, media);
    if (engine.events(candidate)) {
      publisher = candidate;
      publisher.listen();
    }
    var bus = vertx.eventBus();
    consumers.add(bus.<LegOpen>consumer(Addresses.MEDIA_LEG_OPEN, this::open));
    consumers.add(bus.<LegStart>consumer(Addresses.MEDIA_LEG_START, this::start));
    consumers.add(bus.<LegClose>consumer(Addresses.MEDIA_LEG_CLOSE, this::close));
    consumers.add(bus.<LegMove>consumer(Addresses.MEDIA_LEG_MOVE, this::move));
    consumers.add(bus.<DtmfSend>consumer(Addresses.MEDIA_DTMF_SEND, this::dtmf));
    consumers.add(bus.<String>consumer(Addresses.MEDIA_STATS, msg -> msg.reply(LegStatsReply.of(engine, msg.body()))));
    timer = vertx.setPeriodic(CHECK_MS, id -> check());
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    for (RtpLegSocket socket : sockets.values()) {
      engine.closeLeg(socket.leg().legId());
    }
    if (publisher != null) {
      publisher.stop();
      engine.clearEvents(publisher);
    }
    return Future.succeededFuture();
  }

  private void open(Message<LegOpen> msg) {
    LegOpen open = msg.body();
    if (engine.leg(open.legId()) != null) {
      msg.fail(409, "leg " + open.legId() + " already open");
      return;
    }
    Promise<Integer> bound = Promise.promise();
    bind(open, BIND_ATTEMPTS, bound);
    bound.future().onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(new LegOpened(open.legId(), ar.result()));
      } else {
        LOG.warning(() -> "leg " + open.legId() + " of call " + open.callId() + ": " + ar.cause().getMessage());
        msg.fail(503, ar.cause().getMessage());
      }
    });
  }

  private void bind(LegOpen open, int attemptsLeft, Promise<Integer> done) {
    int port = engine.ports().acquire();
    if (port < 0) {
      done.fail("RTP port pool empty");
      return;
    }
    RtpLegSocket.bind(vertx, media.config().bindAddress(), port).onComplete(ar -> {
      if (ar.failed()) {
        engine.ports().release(port);
        if (attemptsLeft > 1) {
          bind(open, attemptsLeft - 1, done);
        } else {
          done.fail("cannot bind RTP ports: " + ar.cause().getMessage());
        }
        return;
      }
      DatagramSocket[] pair = ar.result();
      LegMedia leg;
      try {
        leg = engine.openLeg(open.callId(), open.legId(), port);
      } catch (IllegalStateException e) {
        pair[0].close();
        pair[1].close();
        engine.ports().release(port);
        done.fail(e.getMessage());
        return;
      }
      sockets.put(open.legId(), RtpLegSocket.attach(media, leg, pair));
      done.complete(port);
    });
  }

  private void start(Message<LegStart> msg) {
    LegStart start = msg.body();
    try {
      LegDirection direction = start.direction() == null ? LegDirection.SENDRECV : start.direction();
      engine.startLeg(start.legId(), LegConfig.of(start.codec(), start.payloadType(), start.dtmfPayloadType(),
          start.ptimeMs(), direction.receives(), direction.sends()), start.remoteHost(), start.remotePort());
      msg.reply(msg.body());
    } catch (IllegalArgumentException e) {
      // The SIP side usually sends (no reply): the log is where a bad start shows.
      LOG.warning(() -> "leg " + msg.body().legId() + " not started: " + e.getMessage());
      msg.fail(400, e.getMessage());
    }
  }

  private void close(Message<LegClose> msg) {
    LegMedia leg = engine.closeLeg(msg.body().legId());
    sockets.remove(msg.body().legId());
    if (leg == null) {
      msg.fail(404, "no leg " + msg.body().legId());
    } else {
      msg.reply(msg.body());
    }
  }

  private void move(Message<LegMove> msg) {
    if (engine.moveLeg(msg.body().legId(), msg.body().toCallId()) == null) {
      msg.fail(404, "no leg " + msg.body().legId());
    } else {
      msg.reply(msg.body());
    }
  }

  private void dtmf(Message<DtmfSend> msg) {
    DtmfSend send = msg.body();
    LegMedia leg = engine.leg(send.legId());
    if (leg == null) {
      msg.fail(404, "no leg " + send.legId());
    } else if (!leg.queueDtmf(send.digits())) {
      msg.fail(400, "telephone-event not negotiated on " + send.legId());
    } else {
      msg.reply(send);
    }
  }

  private void check() {
    long now = engine.nanoTime();
    for (RtpLegSocket socket : sockets.values()) {
      if (socket.closed()) {
        sockets.remove(socket.leg().legId(), socket); // closed elsewhere (another instance, call end)
      } else {
        socket.check(now);
      }
    }
  }
}
